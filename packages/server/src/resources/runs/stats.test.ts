import { describe, expect, it } from "vitest";
import { aggregate, percentileAt, summarize } from "./stats.js";

describe("run statistics", () => {
  it("interpolates percentiles linearly between closest ranks", () => {
    const values = [15, 20, 35, 40, 50];
    const at = (i: number) => values[i] as number;
    // position p * (n - 1): 0.4 * 4 = 1.6 -> 20 + 0.6 * 15 = 29
    expect(percentileAt(5, 0.4, at)).toBeCloseTo(29, 12);
    expect(percentileAt(5, 0.5, at)).toBe(35);
    expect(percentileAt(5, 0, at)).toBe(15);
    expect(percentileAt(5, 1, at)).toBe(50);
    expect(percentileAt(1, 0.9, () => 7)).toBe(7);
    expect(percentileAt(0, 0.9, at)).toBeNaN();
  });

  it("summarizes unsorted values with every aggregate", () => {
    const s = summarize([10, 1, 4, 3, 2, 9, 8, 7, 6, 5]);
    expect(s).toMatchObject({ min: 1, max: 10, sum: 55, count: 10, average: 5.5, median: 5.5 });
    // 0.9 * 9 = 8.1 -> 9 + 0.1; 0.95 * 9 = 8.55 -> 9.55; 0.99 * 9 = 8.91 -> 9.91
    expect(s.p90).toBeCloseTo(9.1, 12);
    expect(s.p95).toBeCloseTo(9.55, 12);
    expect(s.p99).toBeCloseTo(9.91, 12);
    expect(aggregate([3, 1, 2], "median")).toBe(2);
    expect(aggregate([2, 4], "average")).toBe(3);
  });
});
