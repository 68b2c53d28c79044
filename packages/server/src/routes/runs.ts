import type { RouteDeps } from "./deps.js";

export function runRoutes(_deps: RouteDeps): void {}
