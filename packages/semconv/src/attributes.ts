/**
 * Span attribute names understood by HoneyHive TS. The SDK writes the
 * HoneyHive names; the server reads all of them when converting spans to events.
 */

/** HoneyHive SDK attributes (underscore form; nested values flattened into dotted keys). */
export const HH_ATTR = {
  eventType: "honeyhive_event_type",
  eventName: "honeyhive_event_name",
  eventId: "honeyhive_event_id",
  sessionId: "honeyhive_session_id",
  parentId: "honeyhive_parent_id",
  project: "honeyhive_project",
  source: "honeyhive_source",
  error: "honeyhive_error",
  errorType: "honeyhive_error_type",
  durationMs: "honeyhive_duration_ms",
  inputs: "honeyhive_inputs",
  outputs: "honeyhive_outputs",
  config: "honeyhive_config",
  metadata: "honeyhive_metadata",
  metrics: "honeyhive_metrics",
  feedback: "honeyhive_feedback",
  userProperties: "honeyhive_user_properties",
  /** Level inserted under `honeyhive_inputs` by the TypeScript 1.0 / Python 0.2 SDKs. */
  paramsLevel: "_params_",
} as const;

/** HoneyHive association attributes (dot form), set on every span of a session. */
export const HH_ASSOC = {
  sessionId: "honeyhive.session_id",
  sessionName: "honeyhive.session_name",
  project: "honeyhive.project",
  source: "honeyhive.source",
  parentId: "honeyhive.parent_id",
  userProperties: "honeyhive.user_properties",
} as const;

/** Baggage keys carried between services and tracers. */
export const HH_BAGGAGE = {
  sessionId: "session_id",
  sessionName: "session_name",
  project: "project",
  source: "source",
  parentId: "parent_id",
  runId: "run_id",
  datasetId: "dataset_id",
  datapointId: "datapoint_id",
  tracerId: "honeyhive_tracer_id",
} as const;

/** OpenLLMetry (Traceloop) attributes. */
export const TRACELOOP = {
  associationPrefix: "traceloop.association.properties",
  spanKind: "traceloop.span.kind",
  entityName: "traceloop.entity.name",
  entityInput: "traceloop.entity.input",
  entityOutput: "traceloop.entity.output",
  workflowName: "traceloop.workflow.name",
  requestType: "llm.request.type",
  requestModel: "llm.request.model",
  responseModel: "llm.response.model",
  requestFunctions: "llm.request.functions",
  promptTokens: "llm.usage.prompt_tokens",
  completionTokens: "llm.usage.completion_tokens",
  totalTokens: "llm.usage.total_tokens",
} as const;

/** OpenTelemetry GenAI semantic conventions (current names first, deprecated ones marked). */
export const GEN_AI = {
  operationName: "gen_ai.operation.name",
  providerName: "gen_ai.provider.name",
  /** Deprecated in favour of `gen_ai.provider.name`. */
  system: "gen_ai.system",
  requestModel: "gen_ai.request.model",
  requestPrefix: "gen_ai.request",
  responseModel: "gen_ai.response.model",
  responseId: "gen_ai.response.id",
  responseFinishReasons: "gen_ai.response.finish_reasons",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  /** Deprecated in favour of `gen_ai.usage.input_tokens`. */
  promptTokens: "gen_ai.usage.prompt_tokens",
  /** Deprecated in favour of `gen_ai.usage.output_tokens`. */
  completionTokens: "gen_ai.usage.completion_tokens",
  totalTokens: "gen_ai.usage.total_tokens",
  cacheReadInputTokens: "gen_ai.usage.cache_read.input_tokens",
  cacheReadInputTokensAlt: "gen_ai.usage.cache_read_input_tokens",
  cacheCreationInputTokens: "gen_ai.usage.cache_creation.input_tokens",
  reasoningOutputTokens: "gen_ai.usage.reasoning.output_tokens",
  /** `text`, `json`, `image`, `speech`: the kind of output asked for. */
  outputType: "gen_ai.output.type",
  requestMaxTokens: "gen_ai.request.max_tokens",
  requestTemperature: "gen_ai.request.temperature",
  requestTopP: "gen_ai.request.top_p",
  requestFrequencyPenalty: "gen_ai.request.frequency_penalty",
  requestPresencePenalty: "gen_ai.request.presence_penalty",
  requestStopSequences: "gen_ai.request.stop_sequences",
  requestSeed: "gen_ai.request.seed",
  requestChoiceCount: "gen_ai.request.choice.count",
  requestEncodingFormats: "gen_ai.request.encoding_formats",
  embeddingsDimensionCount: "gen_ai.embeddings.dimension.count",
  inputMessages: "gen_ai.input.messages",
  outputMessages: "gen_ai.output.messages",
  systemInstructions: "gen_ai.system_instructions",
  toolDefinitions: "gen_ai.tool.definitions",
  toolName: "gen_ai.tool.name",
  toolDescription: "gen_ai.tool.description",
  toolType: "gen_ai.tool.type",
  toolCallId: "gen_ai.tool.call.id",
  toolCallArguments: "gen_ai.tool.call.arguments",
  toolCallResult: "gen_ai.tool.call.result",
  /** Deprecated indexed prompt messages: `gen_ai.prompt.N.{role,content,...}`. */
  promptPrefix: "gen_ai.prompt",
  /** Deprecated indexed completions: `gen_ai.completion.N.{role,content,finish_reason,...}`. */
  completionPrefix: "gen_ai.completion",
  /** Span event that may carry the message attributes instead of the span. */
  operationDetailsEvent: "gen_ai.client.inference.operation.details",
} as const;

/** General OpenTelemetry attributes that model spans carry too. */
export const OTEL_GENERAL = {
  errorType: "error.type",
  serverAddress: "server.address",
  serverPort: "server.port",
  httpStatusCode: "http.response.status_code",
} as const;

/** Values of `gen_ai.operation.name`. */
export const GEN_AI_OPERATIONS = {
  chat: "chat",
  textCompletion: "text_completion",
  generateContent: "generate_content",
  embeddings: "embeddings",
  invokeAgent: "invoke_agent",
  createAgent: "create_agent",
  executeTool: "execute_tool",
} as const;

/** OpenInference (Arize Phoenix) attributes. */
export const OPENINFERENCE = {
  spanKind: "openinference.span.kind",
  inputValue: "input.value",
  inputMimeType: "input.mime_type",
  outputValue: "output.value",
  outputMimeType: "output.mime_type",
  modelName: "llm.model_name",
  provider: "llm.provider",
  system: "llm.system",
  invocationParameters: "llm.invocation_parameters",
  inputMessages: "llm.input_messages",
  outputMessages: "llm.output_messages",
  tools: "llm.tools",
  promptTokens: "llm.token_count.prompt",
  completionTokens: "llm.token_count.completion",
  totalTokens: "llm.token_count.total",
  cacheReadTokens: "llm.token_count.prompt_details.cache_read",
  toolName: "tool.name",
  toolDescription: "tool.description",
  toolParameters: "tool.parameters",
  retrievalDocuments: "retrieval.documents",
  sessionId: "session.id",
  userId: "user.id",
  metadata: "metadata",
} as const;

/** Vercel AI SDK attributes. */
export const VERCEL_AI = {
  operationId: "ai.operationId",
  modelId: "ai.model.id",
  modelProvider: "ai.model.provider",
  prompt: "ai.prompt",
  promptMessages: "ai.prompt.messages",
  promptTools: "ai.prompt.tools",
  promptToolChoice: "ai.prompt.toolChoice",
  responseText: "ai.response.text",
  responseObject: "ai.response.object",
  responseToolCalls: "ai.response.toolCalls",
  responseFinishReason: "ai.response.finishReason",
  responseModel: "ai.response.model",
  responseId: "ai.response.id",
  promptTokens: "ai.usage.promptTokens",
  completionTokens: "ai.usage.completionTokens",
  inputTokens: "ai.usage.inputTokens",
  outputTokens: "ai.usage.outputTokens",
  totalTokens: "ai.usage.totalTokens",
  cachedInputTokens: "ai.usage.cachedInputTokens",
  embeddingTokens: "ai.usage.tokens",
  toolCallName: "ai.toolCall.name",
  toolCallId: "ai.toolCall.id",
  toolCallArgs: "ai.toolCall.args",
  toolCallInput: "ai.toolCall.input",
  toolCallResult: "ai.toolCall.result",
  toolCallOutput: "ai.toolCall.output",
  telemetryMetadataPrefix: "ai.telemetry.metadata",
  settingsPrefix: "ai.settings",
} as const;

/** Resource attributes consulted by the conversion. */
export const RESOURCE_ATTR = {
  serviceName: "service.name",
  deploymentEnvironmentName: "deployment.environment.name",
  deploymentEnvironment: "deployment.environment",
  project: "honeyhive.project",
  source: "honeyhive.source",
} as const;
