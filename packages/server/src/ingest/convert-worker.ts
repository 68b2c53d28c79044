/**
 * An ingest worker: decodes an OTLP body and converts its spans to events off
 * the event loop, so the server's two cores share the work (the event loop
 * handles HTTP, the writer thread commits, workers decode and convert).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { PriceTable } from "@honeyhive-ts/semconv";
import type { AuthContext } from "../auth/context.js";
import { decodeTracesJson, decodeTracesProtobuf, OtlpDecodeError } from "../otlp/index.js";
import { toSqliteRowItem } from "../storage/sqlite-batch-writer.js";
import { spansToWrite } from "./spans.js";

export interface ConvertRequest {
  id: number;
  body: Uint8Array;
  format: "protobuf" | "json";
  auth: AuthContext;
  client: Record<string, unknown> | undefined;
}

const { prices, sqliteRows } = workerData as { prices: PriceTable; sqliteRows: boolean };

parentPort!.on("message", (req: ConvertRequest) => {
  try {
    const decoded = req.format === "protobuf" ? decodeTracesProtobuf(req.body) : decodeTracesJson(req.body);
    const { item, rejected } = spansToWrite(decoded.spans, req.auth, prices, req.client);
    parentPort!.postMessage({
      id: req.id,
      ok: true,
      item: sqliteRows ? toSqliteRowItem(item) : item,
      rejected: [...decoded.rejected, ...rejected],
    });
  } catch (err) {
    const decode = err instanceof OtlpDecodeError;
    parentPort!.postMessage({
      id: req.id,
      ok: false,
      decode,
      message: (err as Error).message ?? String(err),
    });
  }
});
