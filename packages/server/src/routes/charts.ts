import type { RouteDeps } from "./deps.js";

export function chartRoutes(_deps: RouteDeps): void {}
