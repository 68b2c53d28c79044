import type { RouteDeps } from "./deps.js";

export function keyRoutes(_deps: RouteDeps): void {}
