/**
 * Content blocks of a streamed answer put back together by block index:
 * text and reasoning deltas appended, tool calls from their start (id, name)
 * and their argument JSON pieces. Converse streams, Amazon Nova streams and
 * Anthropic streams all deliver content this way.
 */
import { type Part, textPart, toolCallPart } from "../parts.js";

interface Block {
  kind: "text" | "reasoning" | "tool";
  text: string;
  id?: string;
  name?: string;
  /** Tool input given whole (not as JSON pieces). */
  input?: unknown;
}

export class BlockAssembler {
  private readonly blocks = new Map<number, Block>();

  /** A tool call starts at `index`. */
  tool(index: unknown, id: unknown, name: unknown, input?: unknown): void {
    const block = this.at(index, "tool");
    if (typeof id === "string") block.id = id;
    if (typeof name === "string") block.name = name;
    if (input !== undefined && !isEmptyObject(input)) block.input = input;
  }

  /** A piece of text, reasoning or tool argument JSON for block `index`; true when it carried content. */
  append(index: unknown, kind: Block["kind"], piece: unknown): boolean {
    if (typeof piece !== "string" || piece === "") return false;
    this.at(index, kind).text += piece;
    return true;
  }

  get size(): number {
    return this.blocks.size;
  }

  /** The blocks as GenAI parts, in index order. */
  parts(): Part[] {
    return [...this.blocks.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, b]) => {
        if (b.kind === "tool") return toolCallPart(b.id, b.name, b.text !== "" ? b.text : (b.input ?? {}));
        if (b.kind === "reasoning") return { type: "reasoning", content: b.text };
        return textPart(b.text);
      });
  }

  private at(index: unknown, kind: Block["kind"]): Block {
    const key = typeof index === "number" ? index : 0;
    let block = this.blocks.get(key);
    if (block === undefined) {
      block = { kind, text: "" };
      this.blocks.set(key, block);
    }
    return block;
  }
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}
