import type { RouteDeps } from "./deps.js";

export function datasetRoutes(_deps: RouteDeps): void {}
