import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the proxy does with one request. */
export type ProxyAction =
  | "pass"
  /** 503 with Retry-After: 0 (so tests do not wait). */
  | "unavailable"
  /** Destroy the socket without answering. */
  | "close"
  /** Never answer (until the proxy closes). */
  | "hang";

export interface FaultProxy {
  url: string;
  /** Every request that reached the proxy, in order. */
  seen: { method: string; path: string; headers: Record<string, string | string[] | undefined> }[];
  /** Decides each request (by its index and path); default: pass. */
  plan: (index: number, path: string) => ProxyAction;
  close(): Promise<void>;
}

/** A real node:http proxy in front of the real server that fails requests on demand. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const hanging = new Set<import("node:http").ServerResponse>();
  const proxy: FaultProxy = {
    url: "",
    seen: [],
    plan: () => "pass",
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    const index = proxy.seen.length;
    const path = req.url ?? "/";
    proxy.seen.push({ method: req.method ?? "GET", path, headers: req.headers });
    const action = proxy.plan(index, path);
    if (action === "unavailable") {
      req.resume();
      res.writeHead(503, { "retry-after": "0", "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "HH_E_BUSY", message: "busy", hint: "retry" } }));
      return;
    }
    if (action === "close") {
      req.socket.destroy();
      return;
    }
    if (action === "hang") {
      hanging.add(res);
      req.resume();
      return;
    }
    const upstream = request(
      `${target}${path}`,
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
