import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe } from "vitest";
import { catalogSuite } from "./conformance-catalog.testkit.js";
import { datasetsSuite } from "./conformance-datasets.testkit.js";
import { fidelitySuite } from "./conformance-fidelity.testkit.js";
import type { ConformanceContext } from "./conformance-fixtures.testkit.js";
import { isolationSuite } from "./conformance-isolation.testkit.js";
import { linkingSuite } from "./conformance-linking.testkit.js";
import { pagingSuite } from "./conformance-paging.testkit.js";
import { projectsSuite } from "./conformance-projects.testkit.js";
import { querySuite } from "./conformance-query.testkit.js";
import { runsSuite } from "./conformance-runs.testkit.js";
import { sqlDriverSuite } from "./conformance-sql.testkit.js";
import { updatesSuite } from "./conformance-updates.testkit.js";
import { writesSuite } from "./conformance-writes.testkit.js";
import type { Storage } from "./types.js";

/**
 * The storage conformance suite: every backend must pass all of it. Declares a
 * Vitest `describe` block; `open` must return a fresh, migrated storage, and
 * `cleanup` (optional) runs after it is closed.
 */
export function runStorageConformance(
  name: string,
  open: () => Promise<Storage>,
  cleanup?: () => Promise<void>,
): void {
  describe(`storage conformance: ${name}`, () => {
    let storage: Storage | undefined;
    beforeAll(async () => {
      storage = await open();
      await storage.migrate();
    });
    afterAll(async () => {
      await storage?.close();
      await cleanup?.();
    });
    const ctx: ConformanceContext = {
      storage() {
        if (storage === undefined) throw new Error("storage not opened");
        return storage;
      },
      async project(label = "p") {
        const p = await ctx.storage().createProject({ name: `${label}-${randomUUID()}` });
        return p.id;
      },
    };
    projectsSuite(ctx);
    writesSuite(ctx);
    linkingSuite(ctx);
    updatesSuite(ctx);
    querySuite(ctx);
    pagingSuite(ctx);
    isolationSuite(ctx);
    fidelitySuite(ctx);
    sqlDriverSuite(ctx);
    catalogSuite(ctx);
    datasetsSuite(ctx);
    runsSuite(ctx);
  });
}
