import type { GroupSpec } from "../cli/command.js";
import { eventsExport } from "../events/export.js";

export const eventsGroup: GroupSpec = {
  name: "events",
  summary: "Read events (spans, sessions) out of the platform",
  commands: [eventsExport],
};
