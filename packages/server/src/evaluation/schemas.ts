import { Type } from "@sinclair/typebox";

/** Request and response schemas of human feedback and the evaluation status (published in /openapi.json). */

const Rating = Type.Union([Type.Number(), Type.Boolean(), Type.String({ maxLength: 200 })], {
  description: "A score: a number (e.g. 1-5), thumbs up/down as a boolean, or a label",
});

export const FeedbackBody = Type.Object(
  {
    rating: Type.Optional(Rating),
    comment: Type.Optional(Type.String({ maxLength: 20_000 })),
    correction: Type.Optional(Type.Unknown({ description: "What the output should have been" })),
    labels: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 })),
    user: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: "Who gave the feedback (an end-user id)" }),
    ),
    project: Type.Optional(
      Type.String({ description: "Project name (classic API); the key decides the project" }),
    ),
  },
  {
    title: "EventFeedbackRequest",
    additionalProperties: true,
    minProperties: 1,
    description: "Fields merged into the event's feedback; any other field is kept as given",
  },
);

export const FeedbackResponse = Type.Object(
  {
    success: Type.Boolean(),
    event_id: Type.String(),
    feedback: Type.Record(Type.String(), Type.Unknown(), {
      description: "The event's whole feedback after the merge",
    }),
  },
  { title: "EventFeedbackResponse" },
);

export const EvaluationStatus = Type.Object(
  {
    pending: Type.Integer({ description: "Evaluations of this project waiting or running" }),
    failed: Type.Integer({ description: "Evaluations of this project that gave up (kept with their error)" }),
    recent_failures: Type.Array(
      Type.Object(
        {
          event_id: Type.String(),
          metric_name: Type.String(),
          attempts: Type.Integer(),
          error: Type.Union([Type.String(), Type.Null()]),
          updated_at: Type.Number({ description: "Unix epoch ms" }),
        },
        { title: "FailedEvaluation" },
      ),
    ),
    replica: Type.Object(
      {
        evaluating: Type.Boolean({
          description: "Whether this replica runs evaluations (HH_EVAL_CONCURRENCY > 0)",
        }),
        evaluated: Type.Integer(),
        failed: Type.Integer(),
        retried: Type.Integer(),
        skipped: Type.Integer({
          description: "Outside the metric's sample, or the metric was disabled or deleted",
        }),
      },
      { description: "Counts of this replica since it started, all projects" },
    ),
  },
  { title: "EvaluationStatus" },
);
