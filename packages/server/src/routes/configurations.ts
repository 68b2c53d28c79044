import type { RouteDeps } from "./deps.js";

export function configurationRoutes(_deps: RouteDeps): void {}
