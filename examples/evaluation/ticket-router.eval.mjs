/**
 * An evaluation file in plain JavaScript, run by the CLI (no LLM needed):
 *
 *   npx honeyhive eval examples/evaluation/ticket-router.eval.mjs --json
 *
 * The app under test routes a support ticket to a team and returns JSON;
 * the built-in evaluators check that the reply is valid JSON of the expected
 * shape, and a custom one that the team is the right one.
 */
import { evaluators } from "@honeyhive-ts/sdk";

/** The application under test: keyword routing standing in for an LLM classifier. */
function route({ ticket }) {
  const text = String(ticket).toLowerCase();
  const team = /invoice|refund|charge/.test(text)
    ? "billing"
    : /crash|error|bug/.test(text)
      ? "engineering"
      : "support";
  return JSON.stringify({ team, urgent: /asap|urgent|down/.test(text) });
}

const replySchema = {
  type: "object",
  properties: { team: { enum: ["billing", "engineering", "support"] }, urgent: { type: "boolean" } },
  required: ["team", "urgent"],
  additionalProperties: false,
};

/** 1 when the reply names the expected team, else 0. */
function rightTeam({ output, expected }) {
  const team = JSON.parse(output).team;
  return { score: team === expected ? 1 : 0, explanation: `routed to ${team}, expected ${expected}` };
}

export default {
  name: "ticket-router",
  function: route,
  dataset: [
    { inputs: { ticket: "I was charged twice, please refund" }, ground_truth: "billing" },
    { inputs: { ticket: "The app crashes on login, urgent" }, ground_truth: "engineering" },
    { inputs: { ticket: "How do I change my avatar?" }, ground_truth: "support" },
    { inputs: { ticket: "Site is down ASAP!!" }, ground_truth: "engineering" },
  ],
  evaluators: [evaluators.jsonValid(), evaluators.jsonSchema({ schema: replySchema }), rightTeam],
};
