import { describe, expect, it } from "vitest";
import { DatapointStore } from "../resources/datasets/datapoint-store.js";
import { DatasetStore } from "../resources/datasets/dataset-store.js";
import type { ConformanceContext } from "./conformance-fixtures.testkit.js";

/** Dataset and datapoint stores behave the same on every backend. */
export function datasetsSuite(ctx: ConformanceContext): void {
  describe("datasets and datapoints", () => {
    const stores = () => ({
      datasets: new DatasetStore(ctx.storage().sql),
      points: new DatapointStore(ctx.storage().sql),
    });

    it("appends in order, shares datapoints between datasets and pages by position", async () => {
      const { datasets, points } = stores();
      const project = await ctx.project("ds");
      const a = await datasets.create(project, { name: "a", metadata: { k: [1, "two"] } });
      const b = await datasets.create(project, { name: "b", type: "fine-tuning" });
      const ids = await points.create(
        project,
        Array.from({ length: 1203 }, (_, i) => ({ inputs: { i }, ground_truth: { ok: i % 2 === 0 } })),
        [a.id],
      );
      await points.create(project, [{ inputs: { last: true } }], [a.id, b.id]);
      const readA = await datasets.get(project, a.id);
      expect(readA).toMatchObject({ num_points: 1204, metadata: { k: [1, "two"] }, type: "evaluation" });
      expect(readA?.datapoints?.slice(0, 1203)).toEqual(ids);
      const seen: number[] = [];
      for (let after: number | null = -1; after !== null; ) {
        const page = await points.page(project, a.id, after, 500);
        seen.push(...page.datapoints.map((d) => (d.inputs["i"] as number | undefined) ?? -1));
        after = page.next;
      }
      expect(seen).toEqual([...Array.from({ length: 1203 }, (_, i) => i), -1]);
      const shared = (await datasets.get(project, b.id))?.datapoints?.[0] as string;
      expect((await points.get(project, shared))?.linked_datasets.sort()).toEqual([a.id, b.id].sort());
      expect(
        (await datasets.list(project, { type: "fine-tuning", includeDatapoints: false })).map((d) => d.id),
      ).toEqual([b.id]);
    });

    it("keeps projects apart and deletes a project's datasets and datapoints with it", async () => {
      const { datasets, points } = stores();
      const mine = await ctx.project("mine");
      const theirs = await ctx.project("theirs");
      const ds = await datasets.create(mine, { name: "same-name" });
      await datasets.create(theirs, { name: "same-name" });
      const [dp] = await points.create(mine, [{ inputs: { x: 1 } }], [ds.id]);
      expect(await datasets.get(theirs, ds.id)).toBeNull();
      expect(await points.get(theirs, dp as string)).toBeNull();
      expect(await points.update(theirs, dp as string, { inputs: {} })).toBeNull();
      expect(await points.delete(theirs, dp as string)).toBe(false);
      expect(await datasets.delete(theirs, ds.id)).toBe(false);
      await expect(datasets.create(mine, { name: "same-name" })).rejects.toMatchObject({ status: 409 });
      await ctx.storage().deleteProject(mine);
      const left = await ctx
        .storage()
        .sql.all(`SELECT id FROM ${ctx.storage().sql.table("datapoints")} WHERE project_id = ?`, [mine]);
      expect(left).toEqual([]);
    });

    it("updates fields and memberships, and removes a datapoint from one dataset only", async () => {
      const { datasets, points } = stores();
      const project = await ctx.project("upd");
      const a = await datasets.create(project, { name: "a" });
      const b = await datasets.create(project, { name: "b" });
      const [x, y] = (await points.create(project, [{ inputs: { n: 1 } }, { inputs: { n: 2 } }], [a.id])) as [
        string,
        string,
      ];
      const moved = await points.update(project, x, { ground_truth: { g: 1 }, linked_datasets: [b.id] });
      expect(moved).toMatchObject({ inputs: { n: 1 }, ground_truth: { g: 1 }, linked_datasets: [b.id] });
      const reordered = await datasets.update(project, a.id, { description: "d", datapoints: [y, x] });
      expect(reordered).toMatchObject({ description: "d", datapoints: [y, x] });
      expect(await datasets.removeDatapoint(project, a.id, x)).toBe(true);
      expect((await points.get(project, x))?.linked_datasets).toEqual([b.id]);
      await expect(datasets.update(project, a.id, { datapoints: ["missing"] })).rejects.toMatchObject({
        status: 400,
      });
    });
  });
}
