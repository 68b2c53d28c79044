import { createHash, randomBytes } from "node:crypto";

/** API keys are `hh_` + 32 random bytes in base64url; only their SHA-256 is stored. */
export function generateApiKey(): string {
  return `hh_${randomBytes(32).toString("base64url")}`;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function keyPrefix(key: string): string {
  return `${key.slice(0, 7)}...`;
}
