/** Side-by-side-ready unified line diff of two values (baseline → new). */
import { useMemo } from "react";
import { diffLines, diffText } from "../lib/diff.js";

export function DiffView({ before, after }: { before: unknown; after: unknown }) {
  const ops = useMemo(() => diffLines(diffText(before), diffText(after)), [before, after]);
  return (
    <pre className="diff">
      {ops.map((op, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: diff lines are positional.
        <div key={i} className={`diff-${op.kind}`}>
          {op.kind === "add" ? "+ " : op.kind === "del" ? "- " : "  "}
          {op.text}
        </div>
      ))}
    </pre>
  );
}
