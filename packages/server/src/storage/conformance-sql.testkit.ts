import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./conformance-fixtures.testkit.js";
import { isForeignKeyViolation, isUniqueViolation } from "./sql/driver.js";
import { boolColumn, jsonObject, numberColumn, toJson } from "./sql/rows.js";

/** The SQL driver the resource stores are written on behaves the same on every backend. */
export function sqlDriverSuite(ctx: ConformanceContext): void {
  describe("sql driver", () => {
    const scratch = async () => {
      const sql = ctx.storage().sql;
      const name = sql.table(`scratch_${randomUUID().replaceAll("-", "").slice(0, 12)}`);
      await sql.run(
        `CREATE TABLE ${name} (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE, doc TEXT, flag INTEGER, x ${sql.dialect === "postgres" ? "double precision" : "REAL"})`,
      );
      return { sql, name };
    };

    it("binds ? placeholders in order and reads JSON, booleans and numbers back the same", async () => {
      const { sql, name } = await scratch();
      expect(
        await sql.run(`INSERT INTO ${name} (id, label, doc, flag, x) VALUES (?, ?, ?, ?, ?)`, [
          1,
          "a",
          toJson({ nested: { k: [1, "two"] } }),
          1,
          2.5,
        ]),
      ).toBe(1);
      const row = await sql.get(`SELECT * FROM ${name} WHERE label = ? AND id = ?`, ["a", 1]);
      expect(jsonObject(row?.["doc"])).toEqual({ nested: { k: [1, "two"] } });
      expect(boolColumn(row?.["flag"])).toBe(true);
      expect(numberColumn(row?.["x"])).toBe(2.5);
      expect(await sql.get(`SELECT * FROM ${name} WHERE label = ?`, ["missing"])).toBeUndefined();
    });

    it("rolls a failed transaction back completely and reports unique violations by kind", async () => {
      const { sql, name } = await scratch();
      await sql.run(`INSERT INTO ${name} (id, label) VALUES (?, ?)`, [1, "kept"]);
      const failure = await sql
        .transaction(async (tx) => {
          await tx.run(`INSERT INTO ${name} (id, label) VALUES (?, ?)`, [2, "rolled back"]);
          await tx.run(`INSERT INTO ${name} (id, label) VALUES (?, ?)`, [3, "kept"]);
        })
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      expect(isUniqueViolation(failure)).toBe(true);
      expect(isForeignKeyViolation(failure)).toBe(false);
      const labels = (await sql.all(`SELECT label FROM ${name} ORDER BY id`)).map((r) => r["label"]);
      expect(labels).toEqual(["kept"]);
    });

    it("keeps other callers' statements out of a running transaction", async () => {
      const { sql, name } = await scratch();
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const tx = sql.transaction(async (t) => {
        await t.run(`INSERT INTO ${name} (id, label) VALUES (?, ?)`, [1, "inside"]);
        await gate;
        throw new Error("abort");
      });
      // Issued while the transaction is open: it must not be rolled back with it.
      const outside = sql.run(`INSERT INTO ${name} (id, label) VALUES (?, ?)`, [2, "outside"]);
      await new Promise((r) => setTimeout(r, 20));
      release();
      await expect(tx).rejects.toThrow("abort");
      expect(await outside).toBe(1);
      const labels = (await sql.all(`SELECT label FROM ${name} ORDER BY id`)).map((r) => r["label"]);
      expect(labels).toEqual(["outside"]);
    });

    it("runs transactions started together one after another, each complete", async () => {
      const { sql, name } = await scratch();
      const ids = Array.from({ length: 20 }, (_, i) => i + 1);
      await Promise.all(
        ids.map((id) =>
          sql.transaction(async (tx) => {
            await tx.run(`INSERT INTO ${name} (id, label) VALUES (?, ?)`, [id, `row ${id}`]);
            await tx.run(`UPDATE ${name} SET x = ? WHERE id = ?`, [id * 2, id]);
          }),
        ),
      );
      const rows = await sql.all(`SELECT id, x FROM ${name} ORDER BY id`);
      expect(rows.map((r) => [Number(r["id"]), numberColumn(r["x"])])).toEqual(ids.map((id) => [id, id * 2]));
    });

    it("reports a foreign key violation by kind", async () => {
      const sql = ctx.storage().sql;
      const name = sql.table(`fk_${randomUUID().replaceAll("-", "").slice(0, 12)}`);
      await sql.run(
        `CREATE TABLE ${name} (project_id TEXT NOT NULL REFERENCES ${sql.table("projects")}(id) ON DELETE CASCADE)`,
      );
      const err = await sql.run(`INSERT INTO ${name} (project_id) VALUES (?)`, ["nope"]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isForeignKeyViolation(err)).toBe(true);
      const project = await ctx.project("fk");
      await sql.run(`INSERT INTO ${name} (project_id) VALUES (?)`, [project]);
      await ctx.storage().deleteProject(project);
      expect(await sql.all(`SELECT * FROM ${name}`)).toEqual([]);
    });
  });
}
