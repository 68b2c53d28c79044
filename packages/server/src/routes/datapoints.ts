import type { RouteDeps } from "./deps.js";

export function datapointRoutes(_deps: RouteDeps): void {}
