import { GEN_AI, HH_ATTR, OPENINFERENCE, TRACELOOP, VERCEL_AI } from "../attributes.js";
import type { EventType } from "../event.js";
import type { AttrBag } from "./context.js";
import { toStr } from "./values.js";

type SpanEventType = Exclude<EventType, "session">;

/** `honeyhive_event_type`. A span is never the session root, so "session" is read as "chain". */
const EXPLICIT: Record<string, SpanEventType> = {
  model: "model",
  llm: "model",
  tool: "tool",
  chain: "chain",
  session: "chain",
};

const GEN_AI_OPERATION: Record<string, SpanEventType> = {
  chat: "model",
  text_completion: "model",
  generate_content: "model",
  embeddings: "model",
  invoke_agent: "chain",
  create_agent: "chain",
  execute_tool: "tool",
};

const OPENINFERENCE_KIND: Record<string, SpanEventType> = {
  LLM: "model",
  CHAIN: "chain",
  AGENT: "chain",
  TOOL: "tool",
  RETRIEVER: "tool",
  EMBEDDING: "tool",
  RERANKER: "tool",
  GUARDRAIL: "tool",
  EVALUATOR: "tool",
};

/** OpenLLMetry: workflows, agents and tasks group other steps; tools are leaves. */
const TRACELOOP_KIND: Record<string, SpanEventType> = {
  workflow: "chain",
  agent: "chain",
  task: "chain",
  tool: "tool",
};

const VERCEL_OPERATION: Record<string, SpanEventType> = {
  "ai.generateText": "chain",
  "ai.streamText": "chain",
  "ai.generateObject": "chain",
  "ai.streamObject": "chain",
  "ai.embed": "chain",
  "ai.embedMany": "chain",
  "ai.generateText.doGenerate": "model",
  "ai.streamText.doStream": "model",
  "ai.generateObject.doGenerate": "model",
  "ai.streamObject.doStream": "model",
  "ai.embed.doEmbed": "model",
  "ai.embedMany.doEmbed": "model",
  "ai.toolCall": "tool",
};

/** Attributes only model calls carry. */
const MODEL_HINTS = [
  GEN_AI.requestModel,
  GEN_AI.providerName,
  GEN_AI.system,
  TRACELOOP.requestModel,
  TRACELOOP.requestType,
  OPENINFERENCE.modelName,
  VERCEL_AI.modelId,
] as const;

/** Span names of provider client instrumentations ("openai.chat", "anthropic.messages", "chat gpt-4o", "ChatOpenAI"). */
const MODEL_SPAN_NAME =
  /^(?:(?:openai|azure_openai|anthropic|cohere|bedrock|mistralai|groq|ollama|vertexai|gemini|google_genai|together|replicate|watsonx|litellm)\.\w|(?:chat|text_completion|generate_content|embeddings) \S|(?:Chat[A-Z]\w*|AzureOpenAI|OpenAI|Anthropic|VertexAI|Ollama)(?:\.|$))/;

function lookup(table: Record<string, SpanEventType>, value: unknown): SpanEventType | undefined {
  const key = toStr(value);
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * Event type, first match wins: `honeyhive_event_type`; `gen_ai.operation.name`;
 * `openinference.span.kind`; `traceloop.span.kind`; Vercel AI SDK operation;
 * model attributes or provider span names; otherwise "tool". Only
 * `honeyhive_event_type` is consumed: the other attributes say more than the type.
 */
export function detectEventType(bag: AttrBag, spanName: string): SpanEventType {
  const explicit = lookup(EXPLICIT, toStr(bag.peek(HH_ATTR.eventType))?.toLowerCase());
  if (explicit) {
    bag.take(HH_ATTR.eventType);
    return explicit;
  }
  const fromConventions =
    lookup(GEN_AI_OPERATION, bag.peek(GEN_AI.operationName)) ??
    lookup(OPENINFERENCE_KIND, toStr(bag.peek(OPENINFERENCE.spanKind))?.toUpperCase()) ??
    lookup(TRACELOOP_KIND, toStr(bag.peek(TRACELOOP.spanKind))?.toLowerCase()) ??
    lookup(VERCEL_OPERATION, bag.peek(VERCEL_AI.operationId) ?? spanName);
  if (fromConventions) return fromConventions;
  if (bag.firstKey(MODEL_HINTS) !== undefined || MODEL_SPAN_NAME.test(spanName)) return "model";
  return "tool";
}
