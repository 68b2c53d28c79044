/** Types of emit-api-types.mjs (plain ESM, so the script runs on Node without a TypeScript loader). */
export declare const API_TYPES_PATH: string;
export declare const REGENERATE_COMMAND: string;
export declare function toType(schema: unknown, indent?: string): string;
export declare function emitApiTypes(doc: unknown): string;
export declare function formatWithBiome(source: string): string;
export declare function generateApiTypes(doc: unknown): string;
