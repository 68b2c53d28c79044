import { createHash } from "node:crypto";

/**
 * Whether an event falls in a metric's sample. Decided by a hash of the event
 * id alone, so every replica (and every retry) agrees, and a 10% metric
 * evaluates a subset of the events a 20% metric does.
 */
export function sampled(eventId: string, percentage: number): boolean {
  if (percentage >= 100) return true;
  if (percentage <= 0) return false;
  const bucket = createHash("sha256").update(eventId).digest().readUInt32BE(0) / 2 ** 32;
  return bucket * 100 < percentage;
}
