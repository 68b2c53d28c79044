import { str, type Values } from "./command.js";
import { UsageError } from "./errors.js";

/** A string option that must be one of `allowed`. */
export function oneOf<T extends string>(
  values: Values,
  name: string,
  allowed: readonly T[],
  usage: string,
): T | undefined {
  const v = str(values, name);
  if (v !== undefined && !(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} ${v}: use one of ${allowed.join(", ")}`, usage);
  }
  return v as T | undefined;
}
