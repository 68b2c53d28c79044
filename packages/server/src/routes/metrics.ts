import type { RouteDeps } from "./deps.js";

export function metricRoutes(_deps: RouteDeps): void {}
