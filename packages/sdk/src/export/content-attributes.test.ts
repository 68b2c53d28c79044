import { describe, expect, it } from "vitest";
import { isContentAttribute, isContentEventAttribute } from "./content-attributes.js";

describe("isContentAttribute", () => {
  it.each([
    "honeyhive_inputs",
    "honeyhive_inputs.chat_history.0.content",
    "honeyhive_outputs.content",
    "honeyhive_metadata.customer",
    "honeyhive_config.prompt_template",
    "honeyhive_feedback.comment",
    "honeyhive_user_properties.email",
    "honeyhive_error",
    "gen_ai.input.messages",
    "gen_ai.output.messages",
    "gen_ai.system_instructions",
    "gen_ai.tool.definitions",
    "gen_ai.prompt.0.content",
    "gen_ai.completion.0.content",
    "gen_ai.tool.call.arguments",
    "gen_ai.tool.call.result",
    "input.value",
    "output.value",
    "llm.input_messages.0.message.content",
    "llm.output_messages.0.message.content",
    "traceloop.entity.input",
    "traceloop.entity.output",
    "ai.prompt",
    "ai.prompt.messages",
    "ai.response.text",
    "ai.toolCall.args",
    "ai.toolCall.result",
  ])("%s is content", (key) => {
    expect(isContentAttribute(key)).toBe(true);
  });

  it.each([
    "",
    "honeyhive_event_type",
    "honeyhive_session_id",
    "gen_ai.request.model",
    "gen_ai.usage.input_tokens",
    "gen_ai.input.messages_count",
    "input.mime_type",
    "llm.model_name",
    "traceloop.entity.name",
    "ai.model.id",
    "ai.usage.promptTokens",
    "exception.message",
    "http.method",
  ])("%s is not content", (key) => {
    expect(isContentAttribute(key)).toBe(false);
  });

  it("counts exception.message as content on events only", () => {
    expect(isContentEventAttribute("exception.message")).toBe(true);
    expect(isContentEventAttribute("gen_ai.output.messages")).toBe(true);
    expect(isContentEventAttribute("exception.type")).toBe(false);
  });
});
