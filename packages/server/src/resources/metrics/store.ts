import { randomUUID } from "node:crypto";
import type { JsonObject } from "@honeyhive-ts/semconv";
import type { SqlDriver, SqlParam, SqlRow } from "../../storage/sql/driver.js";
import { boolColumn, jsonArray, jsonColumn, numberColumn, toJson } from "../../storage/sql/rows.js";
import {
  deleteRow,
  getRow,
  insertRow,
  lockRow,
  type Row,
  updateRow,
  withUniqueName,
} from "../catalog/store-kit.js";
import { type MetricFields, spellingsOf } from "./definition.js";
import type { Metric, MetricLookup } from "./types.js";

export interface MetricQuery {
  name?: string;
  /** Either spelling of a kind: `LLM` also finds metrics stored as `model`. */
  type?: string;
  event_name?: string;
  event_type?: string;
  enabled_in_prod?: boolean;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function decode(r: SqlRow): Metric {
  return {
    id: String(r["id"]),
    project_id: String(r["project_id"]),
    name: String(r["name"]),
    type: String(r["type"]),
    description: String(r["description"]),
    criteria: text(r["criteria"]),
    return_type: r["return_type"] as Metric["return_type"],
    enabled_in_prod: boolColumn(r["enabled_in_prod"]),
    needs_ground_truth: boolColumn(r["needs_ground_truth"]),
    threshold: jsonColumn<Metric["threshold"]>(r["threshold"], null),
    pass_when: jsonColumn<Metric["pass_when"]>(r["pass_when"], null),
    event_name: text(r["event_name"]),
    event_type: text(r["event_type"]),
    model_provider: text(r["model_provider"]),
    model_name: text(r["model_name"]),
    child_metrics: jsonArray<JsonObject>(r["child_metrics"]),
    sampling_percentage: numberColumn(r["sampling_percentage"]) ?? 100,
    categories: jsonColumn<JsonObject[] | null>(r["categories"], null),
    created_at: numberColumn(r["created_at"]) ?? 0,
    updated_at: numberColumn(r["updated_at"]) ?? 0,
  };
}

function encode(m: MetricFields): Row {
  return {
    name: m.name,
    type: m.type,
    description: m.description,
    criteria: m.criteria,
    return_type: m.return_type,
    enabled_in_prod: m.enabled_in_prod ? 1 : 0,
    needs_ground_truth: m.needs_ground_truth ? 1 : 0,
    threshold: m.threshold === null ? null : toJson(m.threshold),
    pass_when: m.pass_when === null ? null : toJson(m.pass_when),
    event_name: m.event_name,
    event_type: m.event_type,
    model_provider: m.model_provider,
    model_name: m.model_name,
    child_metrics: toJson(m.child_metrics),
    sampling_percentage: m.sampling_percentage,
    categories: m.categories === null ? null : toJson(m.categories),
  };
}

/** Evaluator definitions of a project, on the shared SQL driver (both backends). */
export class MetricStore implements MetricLookup {
  constructor(private readonly sql: SqlDriver) {}

  async listMetrics(projectId: string, query: MetricQuery = {}): Promise<Metric[]> {
    const where = ["project_id = ?"];
    const params: SqlParam[] = [projectId];
    for (const column of ["name", "event_name", "event_type"] as const) {
      const value = query[column];
      if (value !== undefined) {
        where.push(`${column} = ?`);
        params.push(value);
      }
    }
    if (query.type !== undefined) {
      const types = spellingsOf(query.type);
      where.push(`type IN (${types.map(() => "?").join(", ")})`);
      params.push(...types);
    }
    if (query.enabled_in_prod !== undefined) {
      where.push("enabled_in_prod = ?");
      params.push(query.enabled_in_prod ? 1 : 0);
    }
    const rows = await this.sql.all(
      `SELECT * FROM ${this.sql.table("metrics")} WHERE ${where.join(" AND ")} ORDER BY name`,
      params,
    );
    return rows.map(decode);
  }

  async get(projectId: string, id: string): Promise<Metric | null> {
    const row = await getRow(this.sql, "metrics", projectId, id);
    return row ? decode(row) : null;
  }

  /** `fields` must have passed checkMetric. */
  async create(projectId: string, fields: MetricFields): Promise<Metric> {
    const now = Date.now();
    const metric: Metric = {
      ...fields,
      id: randomUUID(),
      project_id: projectId,
      created_at: now,
      updated_at: now,
    };
    await withUniqueName("metric", metric.name, () =>
      insertRow(this.sql, "metrics", {
        id: metric.id,
        project_id: projectId,
        ...encode(metric),
        created_at: now,
        updated_at: now,
      }),
    );
    return metric;
  }

  /**
   * Merges `patch` into the stored metric, lets `check` refuse the result (an
   * update must leave a valid metric), then saves it; null when the project
   * has no such metric.
   */
  async update(
    projectId: string,
    id: string,
    patch: Partial<MetricFields>,
    check: (merged: MetricFields) => void,
  ): Promise<Metric | null> {
    return this.sql.transaction(async (tx) => {
      const row =
        (await lockRow(tx, "metrics", projectId, id)) && (await getRow(tx, "metrics", projectId, id));
      if (!row) return null;
      const metric: Metric = { ...decode(row), ...patch, updated_at: Date.now() };
      check(metric);
      await withUniqueName("metric", metric.name, () =>
        updateRow(tx, "metrics", projectId, id, { ...encode(metric), updated_at: metric.updated_at }),
      );
      return metric;
    });
  }

  async delete(projectId: string, id: string): Promise<boolean> {
    return deleteRow(this.sql, "metrics", projectId, id);
  }
}
