/** What every fake provider server of the tests needs: JSON in and out, and a token estimate. */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

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

/** Starts `server` on 127.0.0.1 at a free port: its origin, and a close that also drops open connections. */
export async function listenLocal(server: Server): Promise<{ origin: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
