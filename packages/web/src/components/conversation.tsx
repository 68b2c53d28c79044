/** Chat messages rendered as a conversation: roles, text, tool calls, images by reference. */
import type { ChatMessage } from "../lib/chat.js";

export function Conversation({ messages }: { messages: ChatMessage[] }) {
  return (
    <ol className="conversation" aria-label="Conversation">
      {messages.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: messages have no ids and never reorder.
        <li key={i} className={`msg role-${m.role}`}>
          <div className="msg-role">
            {m.role}
            {m.toolCallId && <span className="muted"> · result of {m.toolCallId}</span>}
          </div>
          {m.parts.map((p, j) =>
            p.kind === "image" ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional.
              <div key={j} className="msg-image">
                🖼 image: <code>{p.text}</code>
              </div>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional.
              <div key={j} className="msg-text">
                {p.text.length > 20000 ? `${p.text.slice(0, 20000)}…` : p.text}
              </div>
            ),
          )}
          {m.toolCalls.map((c) => (
            <div key={c.id || c.name} className="msg-tool">
              <span className="badge">tool call</span> <strong>{c.name}</strong>
              <code>({c.arguments})</code>
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}
