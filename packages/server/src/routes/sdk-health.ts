import { Type } from "@sinclair/typebox";
import { listSdkClients, recordSdkHealth, type SdkHealthReport } from "../resources/sdk-health/store.js";
import type { RouteDeps } from "./deps.js";

/**
 * SDK health: each SDK instance POSTs its export counters now and then (and
 * at shutdown); GET lists the latest report of every client of the project,
 * so spans the clients dropped are visible on the server.
 */

const Count = (description: string) => Type.Number({ minimum: 0, description });
const Name = (description: string) => Type.String({ maxLength: 200, description });

const SdkHealthBody = Type.Object(
  {
    instance_id: Type.String({
      minLength: 1,
      maxLength: 200,
      description: "Stable for the life of one tracer",
    }),
    source: Name("The tracer's source (dev, prod, ...)"),
    sdk_name: Name("e.g. @honeyhive-ts/sdk"),
    sdk_version: Name("The SDK's version"),
    service_name: Name("The application's service name"),
    spans_exported: Count("Spans the server accepted, since the instance started"),
    spans_dropped: Count("Spans lost, since the instance started"),
    dropped_by_reason: Type.Record(Type.String({ maxLength: 100 }), Type.Number({ minimum: 0 }), {
      description: "Dropped spans by reason (buffer_full, rejected, retries_exhausted, ...)",
      maxProperties: 50,
    }),
    buffer_bytes: Count("Bytes waiting in the export buffer when reported"),
  },
  { title: "SdkHealthReport" },
);

const SdkClientSchema = Type.Object(
  {
    ...SdkHealthBody.properties,
    last_seen: Type.Number({ description: "When the last report arrived (Unix epoch ms)" }),
  },
  { title: "SdkClient" },
);

export function sdkHealthRoutes({ api, storage }: RouteDeps): void {
  api.add(
    {
      method: "POST",
      paths: ["/v1/sdk/health"],
      summary: "Report an SDK instance's export counters (replaces its previous report)",
      tag: "sdk",
      body: SdkHealthBody,
      response: Type.Object(
        { success: Type.Boolean(), last_seen: Type.Number() },
        { title: "SdkHealthAccepted" },
      ),
    },
    async (req, _reply, auth) => {
      const last_seen = await recordSdkHealth(storage.sql, auth.projectId, req.body as SdkHealthReport);
      return { success: true, last_seen };
    },
  );
  api.add(
    {
      method: "GET",
      paths: ["/v1/sdk/health"],
      summary: "The latest health report of every SDK client of the project",
      tag: "sdk",
      response: Type.Object({ clients: Type.Array(SdkClientSchema) }, { title: "SdkHealth" }),
    },
    async (_req, _reply, auth) => ({ clients: await listSdkClients(storage.sql, auth.projectId) }),
  );
}
