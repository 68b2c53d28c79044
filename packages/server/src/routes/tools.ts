import type { RouteDeps } from "./deps.js";

export function toolRoutes(_deps: RouteDeps): void {}
