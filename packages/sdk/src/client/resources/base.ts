import type { OperationKey, ResponseOf } from "../operations.js";
import type { ApiTransport, CallOptions, HttpMethod, QueryValue, RequestSpec } from "../transport.js";

export interface CallInput {
  params?: Readonly<Record<string, string>>;
  query?: object | undefined;
  body?: unknown;
}

/**
 * What every resource namespace shares: a call names its operation by the
 * generated "METHOD /path" key, so the path it requests and the types it
 * returns come from the same place.
 */
export abstract class Resource {
  constructor(protected readonly transport: ApiTransport) {}

  protected async call<K extends OperationKey>(
    route: K,
    input: CallInput = {},
    options: CallOptions & { retry?: RequestSpec["retry"] } = {},
  ): Promise<ResponseOf<K>> {
    const res = await this.transport.json<ResponseOf<K>>(requestSpec(route, input, options));
    return res.body;
  }
}

/** The request for an operation key, its path parameters encoded. */
export function requestSpec(
  route: OperationKey,
  input: CallInput,
  options: CallOptions & { retry?: RequestSpec["retry"] },
): RequestSpec {
  const space = route.indexOf(" ");
  const method = route.slice(0, space) as HttpMethod;
  const path = route.slice(space + 1).replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = input.params?.[name];
    if (value === undefined || value === "")
      throw new TypeError(`${route}: the ${name} parameter is required`);
    return encodeURIComponent(value);
  });
  return {
    method,
    path,
    query: input.query as Readonly<Record<string, QueryValue>> | undefined,
    body: input.body,
    retry: options.retry,
    idempotencyKey: options.idempotencyKey,
    timeoutMs: options.timeoutMs,
  };
}
