import { describe, expect, it } from "vitest";
import { trace, traceClass } from "../src/index.js";
import { byName, tracedServer } from "./server.js";

const fx = tracedServer("decorators");

class Agent {
  constructor(private readonly prefix: string) {}

  @trace({ eventType: "model", name: "agent-think" })
  async think(topic: string): Promise<string> {
    return `${this.prefix}:${topic}`;
  }

  @trace
  plan(steps: number): number[] {
    return Array.from({ length: steps }, (_, i) => i);
  }
}

@traceClass({ eventType: "tool" })
class Toolbox {
  factor = 2;

  double(x: number): number {
    return x * this.factor;
  }

  async *count(n: number): AsyncGenerator<number> {
    for (let i = 0; i < n; i++) yield i;
  }

  get label(): string {
    return "toolbox";
  }
}

describe("decorators", () => {
  it("@trace() and @trace on methods keep `this`, sync stays sync", async () => {
    const agent = new Agent("p");
    expect(await agent.think("rain")).toBe("p:rain");
    const planned = agent.plan(3);
    expect(planned).toEqual([0, 1, 2]);
    await fx.tracer.flush();
    const events = await fx.srv.waitForSession(
      fx.tracer.sessionId,
      (ev) => byName(ev, "plan") && byName(ev, "agent-think"),
    );
    expect(byName(events, "agent-think").event_type).toBe("model");
    expect(byName(events, "agent-think").inputs).toEqual({ topic: "rain" });
    expect(byName(events, "plan").outputs).toEqual({ result: [0, 1, 2] });
  });

  it("@traceClass traces every method as Class.method, not getters", async () => {
    const box = new Toolbox();
    expect(box.double(4)).toBe(8);
    const seen: number[] = [];
    for await (const i of box.count(2)) seen.push(i);
    expect(seen).toEqual([0, 1]);
    expect(box.label).toBe("toolbox");
    await fx.tracer.flush();
    const events = await fx.srv.waitForSession(
      fx.tracer.sessionId,
      (ev) => byName(ev, "Toolbox.double") && byName(ev, "Toolbox.count"),
    );
    expect(byName(events, "Toolbox.double").event_type).toBe("tool");
    expect(byName(events, "Toolbox.count").outputs).toEqual({ chunks: [0, 1] });
    expect(events.some((e) => e.event_name.includes("label"))).toBe(false);
  });
});
