import type { PriceTable } from "@honeyhive-ts/semconv";
import type { Authenticator } from "../auth/context.js";
import type { ServerConfig } from "../config.js";
import type { ApiRegistry } from "../http/api.js";
import type { ConvertPool } from "../ingest/convert-pool.js";
import type { WriteQueue } from "../ingest/queue.js";
import type { Storage } from "../storage/types.js";

/** What every route module receives. */
export interface RouteDeps {
  api: ApiRegistry;
  storage: Storage;
  auth: Authenticator;
  queue: WriteQueue;
  /** Decodes OTLP bodies and converts spans on worker threads. */
  convert: ConvertPool;
  prices: PriceTable;
  config: ServerConfig;
}
