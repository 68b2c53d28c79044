import type { ConformanceContext } from "./conformance-fixtures.testkit.js";

export function catalogSuite(_ctx: ConformanceContext): void {}
