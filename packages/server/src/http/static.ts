import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Serves the built web app (packages/web/dist) from the server's own address.
 * Files under the web root are served with their content type; hashed assets
 * (under assets/) are cached for a year, everything else (index.html first)
 * must be revalidated. A GET that matches no file and no API route and that
 * accepts text/html gets index.html, so the app's client-side routes survive
 * a reload. Paths are resolved inside the root: `..` and encoded tricks never
 * leave it. Without a build, `/` explains how to make one.
 */

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

const IMMUTABLE = "public, max-age=31536000, immutable";

/** First path segments that belong to the API: never answered with the app. */
const API_PREFIXES = [
  "v1",
  "opentelemetry",
  "session",
  "sessions",
  "events",
  "projects",
  "configurations",
  "tools",
  "metrics",
  "datasets",
  "datapoints",
  "runs",
  "keys",
  "openapi.json",
  "healthz",
  "readyz",
];

const MISSING_BUILD = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>HoneyHive TS</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>HoneyHive TS server</h1>
<p>The API is running, but no web app build was found.</p>
<p>Build it with <code>npm run build -w @honeyhive-ts/web</code> and restart the server
(or point <code>HH_WEB_ROOT</code> at a built app folder).</p>
<p>The API is described at <a href="/openapi.json">/openapi.json</a>.</p>
</body></html>
`;

export interface StaticSite {
  /** Answers the request if it is the app's; false when the caller should answer 404 itself. */
  handle(req: FastifyRequest, reply: FastifyReply): Promise<boolean>;
}

const isFile = async (path: string): Promise<boolean> => {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
};

/** The file under `root` a URL path names, or null when it would leave the root or is malformed. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const file = resolve(root, `.${decoded.startsWith("/") ? "" : "/"}${decoded}`);
  return file === root || file.startsWith(root + sep) ? file : null;
}

const wantsHtml = (req: FastifyRequest): boolean => {
  const accept = req.headers.accept;
  return typeof accept === "string" && accept.includes("text/html");
};

const isApiPath = (path: string): boolean => API_PREFIXES.includes(path.split("/")[1] ?? "");

export function staticSite(webRoot: string | undefined): StaticSite {
  const root = webRoot === undefined ? undefined : resolve(webRoot);
  const send = (reply: FastifyReply, file: string, cache: string): FastifyReply =>
    reply
      .status(200)
      .header("content-type", TYPES[extname(file).toLowerCase()] ?? "application/octet-stream")
      .header("cache-control", cache)
      .header("x-content-type-options", "nosniff")
      .send(createReadStream(file));

  return {
    async handle(req, reply) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      const path = req.url.split("?")[0] ?? "/";
      if (isApiPath(path)) return false;
      const index = root === undefined ? undefined : join(root, "index.html");
      if (index === undefined || !(await isFile(index))) {
        if (path !== "/" && !wantsHtml(req)) return false;
        reply.status(200).header("content-type", TYPES[".html"]).header("cache-control", "no-cache");
        reply.send(MISSING_BUILD);
        return true;
      }
      const file = path === "/" ? index : resolveInside(root!, path);
      if (file === null) {
        reply.status(404).header("content-type", "text/plain; charset=utf-8").send("Not found");
        return true;
      }
      if (await isFile(file)) {
        const hashed = file.startsWith(join(root!, "assets") + sep);
        send(reply, file, file !== index && hashed ? IMMUTABLE : "no-cache");
        return true;
      }
      // A missing asset is a 404, not the app: only page navigations fall back to index.html.
      if (!wantsHtml(req) || extname(path) !== "") return false;
      send(reply, index, "no-cache");
      return true;
    },
  };
}
