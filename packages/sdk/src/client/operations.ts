/**
 * Types of one operation, looked up by its "METHOD /path" key in the
 * generated ApiOperations: a resource method that names an operation the
 * server does not serve does not compile.
 */
import type { ApiOperations } from "./api-types.js";

export type OperationKey = keyof ApiOperations;
export type ResponseOf<K extends OperationKey> = ApiOperations[K]["response"];
export type BodyOf<K extends OperationKey> = ApiOperations[K] extends { body: infer B } ? B : never;
export type QueryOf<K extends OperationKey> = ApiOperations[K] extends { query: infer Q } ? Q : never;
export type ParamsOf<K extends OperationKey> = ApiOperations[K] extends { params: infer P } ? P : never;
