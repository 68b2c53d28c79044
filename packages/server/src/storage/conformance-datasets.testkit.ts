import type { ConformanceContext } from "./conformance-fixtures.testkit.js";

export function datasetsSuite(_ctx: ConformanceContext): void {}
