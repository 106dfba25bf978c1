/**
 * `npm start`: the production HTTP server (built to build/start.js).
 *
 * - Serves /healthz itself, from the database alone: the app (the Remix
 *   build, with Polaris and Shopify's libraries) is loaded after the server
 *   listens, so a platform's health check passes as soon as the database
 *   does, and cold starts are short (`npm run bench`).
 * - Loads the app on the first other request, or right after the first
 *   health check; the app's entry starts the in-process billing scheduler.
 * - Stops gracefully on SIGTERM and SIGINT: no new connections, in-flight
 *   requests and the billing tick under way finish (bounded by
 *   SHUTDOWN_TIMEOUT_MS), the database pool closes, the process exits 0.
 *   A second signal exits at once.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { checkHealth, healthResponse, historyFor } from "../app/db/health.server";
import { database, prisma } from "../app/db/prisma.server";
import { readServerEnv } from "../app/env.server";
import { guardRequest } from "../app/http/request-guard";
import { missingSecurityHeaders } from "../app/http/security-headers";
import { stopInProcessScheduler } from "../app/scheduler/in-process-state";
import { HEALTH_PATH, SHUTDOWN_SIGNALS, SHUTDOWN_TIMEOUT_MS } from "./lifecycle";

const { PORT, HOST, SHOPIFY_APP_URL, SHOP_CUSTOM_DOMAIN } = readServerEnv();
const HTTPS = (SHOPIFY_APP_URL ?? "").startsWith("https://");
const BUILD = path.resolve("build/server/index.js");
const CLIENT = path.resolve("build/client");

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const log = (level: "info" | "error", message: string, fields: Record<string, unknown> = {}) =>
  (level === "error" ? console.error : console.info)(JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...fields }));

// --- The app, loaded once, lazily -------------------------------------------
// Everything but /healthz goes through express (static files, compression, the
// Remix handler), and express, the Remix adapter and the build load together,
// after the server listens: the health check needs none of them.
let app: Promise<Handler> | undefined;
let attempts = 0;

async function createApp(buildUrl: string): Promise<Handler> {
  const [{ default: express }, { default: compression }, { createRequestHandler }, { installGlobals }, { shopDomainValidator }] = await Promise.all([
    import("express"),
    import("compression"),
    import("@remix-run/express"),
    import("@remix-run/node"),
    import("../app/shopify/shop-domain.server"),
  ]);
  const shopDomain = shopDomainValidator(SHOP_CUSTOM_DOMAIN);
  // Remix with single fetch runs on Node's own fetch classes (as remix-serve sets them).
  installGlobals({ nativeFetch: true });
  const build = await import(buildUrl);
  const server = express();
  server.disable("x-powered-by");
  // Requests that can never succeed get their 4xx here, before Remix or Shopify's library throw on them.
  server.use((request, response, next) => {
    const refusal = guardRequest({ method: request.method, url: request.originalUrl, header: (name) => request.get(name) }, shopDomain);
    if (!refusal) return next();
    response.status(refusal.status).set({ "Content-Type": "text/plain; charset=utf-8", ...refusal.headers }).send(refusal.message);
  });
  server.use(compression());
  // Vite's fingerprinted assets never change; the rest of public/ may.
  server.use("/assets", express.static(path.join(CLIENT, "assets"), { immutable: true, maxAge: "1y" }));
  server.use(express.static(CLIENT, { maxAge: "1h" }));
  server.all("*", createRequestHandler({ build, mode: "production" }));
  return server;
}

function loadApp(): Promise<Handler> {
  if (app) return app;
  attempts += 1;
  // A module whose evaluation failed stays failed under its URL, so each new
  // attempt imports the build under a URL of its own.
  app = createApp(`${pathToFileURL(BUILD).href}${attempts > 1 ? `?attempt=${attempts}` : ""}`).catch((error: unknown) => {
    // e.g. the tables are missing (`npm run setup`): try again on the next request.
    app = undefined;
    throw error;
  });
  return app;
}

let warmed = false;
function warmUp(): void {
  if (warmed) return;
  warmed = true;
  loadApp().catch((error: unknown) => log("error", "the app failed to load", { error: String(error) }));
}

// --- Health, from the database alone ----------------------------------------
const history = historyFor(database.provider);

async function health(response: ServerResponse): Promise<void> {
  const result = await checkHealth(prisma, history);
  if (result !== "ok") log("error", "health check failed", { result });
  const { status, body } = healthResponse(result);
  response.writeHead(status, { "Cache-Control": "no-store", "Content-Type": "text/plain" }).end(body);
  // The first health check has been answered: now load the app, off its path.
  setImmediate(warmUp);
}

// --- HTTP ---------------------------------------------------------------------
let stopping = false;

/**
 * Every response, whoever wrote it (static files, Remix, the guards, /healthz): the security headers
 * it lacks (app/http/security-headers.ts), and, when it is sent before the request's body was read
 * (a 413, a refusal), `Connection: close` and the rest of the body read and dropped (up to a bound),
 * so the client reads the answer instead of a connection reset.
 */
function finishResponses(request: IncomingMessage, response: ServerResponse): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    for (const [name, value] of Object.entries(missingSecurityHeaders((name) => this.hasHeader(name), { https: HTTPS }))) this.setHeader(name, value);
    if (!request.complete && !this.headersSent) this.setHeader("Connection", "close");
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
  response.on("finish", () => {
    if (request.complete) return;
    let drained = 0;
    request.on("data", (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > MAX_DRAIN_BYTES) request.destroy();
    });
    request.resume();
    setTimeout(() => request.destroy(), DRAIN_TIMEOUT_MS).unref();
  });
}
/** What is read and dropped after an early answer: the 413s are for bodies over 1 MiB. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 10_000;

const http = createServer((request, response) => {
  finishResponses(request, response);
  // While stopping, answers end their connection, so keep-alive clients do not hold the server open.
  if (stopping) response.setHeader("Connection", "close");
  const pathname = (request.url ?? "/").split("?", 1)[0];
  if (pathname === HEALTH_PATH && (request.method === "GET" || request.method === "HEAD")) {
    void health(response);
    return;
  }
  loadApp().then(
    (handle) => handle(request, response),
    (error: unknown) => {
      log("error", "the app failed to load", { error: String(error) });
      response.writeHead(503, { "Retry-After": "5", "Content-Type": "text/plain" }).end("The app is starting or misconfigured; see the server log.");
    },
  );
});
// Longer than the load balancers' idle timeouts (Fly's is 60 s), so they close idle connections first.
http.keepAliveTimeout = 65_000;
http.listen(PORT, HOST, () => {
  const { address, port } = http.address() as AddressInfo;
  log("info", "listening", { address, port });
  // No request within a second (nothing probes health here): load the app anyway.
  setTimeout(warmUp, 1_000).unref();
});

// --- Graceful shutdown ----------------------------------------------------------
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    log("info", "second signal: exiting now", { signal });
    process.exit(1);
  }
  stopping = true;
  log("info", "shutting down", { signal });
  const deadline = setTimeout(() => {
    log("error", "shutdown timed out: closing open connections", { timeoutMs: SHUTDOWN_TIMEOUT_MS });
    http.closeAllConnections();
  }, SHUTDOWN_TIMEOUT_MS);
  deadline.unref();
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  // Idle keep-alive connections would hold close() open until they time out; a
  // connection whose request finishes meanwhile becomes idle, so keep closing them.
  http.closeIdleConnections();
  const sweeper = setInterval(() => http.closeIdleConnections(), 100);
  await Promise.all([closed, stopInProcessScheduler()]);
  clearInterval(sweeper);
  clearTimeout(deadline);
  await prisma.$disconnect().catch(() => undefined);
  log("info", "stopped", { signal });
  process.exit(0);
}
for (const signal of SHUTDOWN_SIGNALS) process.on(signal, (received) => void shutdown(received));
