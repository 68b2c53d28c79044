/** What every fake provider server of the tests needs: JSON in and out, and a token estimate. */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Token counts for replies that do not state theirs: about four characters a token. */
export const estimateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

/** The request body as JSON (`{}` when empty). */
export async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : {};
}

/** A JSON response; `headers` may replace the content type. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** The text of the last user message of a chat request: a string, or the text of its content items. */
export function lastUserMessageText(messages: unknown): string {
  const list: { role?: string; content?: unknown }[] = Array.isArray(messages) ? messages : [];
  const content = [...list].reverse().find((m) => m?.role === "user")?.content;
  if (typeof content === "string") return content;
  return Array.isArray(content)
    ? content.map((c: { text?: string }) => (typeof c?.text === "string" ? c.text : "")).join("")
    : "";
}
