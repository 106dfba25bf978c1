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
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type RequestHandler } from "express";
import { checkHealth, healthResponse, historyFor } from "../app/db/health.server";
import { database, prisma } from "../app/db/prisma.server";
import { readServerEnv } from "../app/env.server";
import { stopInProcessScheduler } from "../app/scheduler/in-process.server";
import { HEALTH_PATH, SHUTDOWN_SIGNALS, SHUTDOWN_TIMEOUT_MS } from "./lifecycle";

const { PORT, HOST } = readServerEnv();
const BUILD = path.resolve("build/server/index.js");
const CLIENT = path.resolve("build/client");

// Remix with single fetch runs on Node's own fetch classes (as remix-serve sets them).
installGlobals({ nativeFetch: true });

const log = (level: "info" | "error", message: string, fields: Record<string, unknown> = {}) =>
  (level === "error" ? console.error : console.info)(JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...fields }));

// --- The app, loaded once, lazily -------------------------------------------
let app: Promise<RequestHandler> | undefined;
let attempts = 0;
function loadApp(): Promise<RequestHandler> {
  // A module whose evaluation failed stays failed under its URL, so each new
  // attempt imports the build under a URL of its own.
  if (app) return app;
  attempts += 1;
  const url = `${pathToFileURL(BUILD).href}${attempts > 1 ? `?attempt=${attempts}` : ""}`;
  app = import(url).then(
    (build: ServerBuild) => createRequestHandler({ build, mode: "production" }),
    (error: unknown) => {
      // e.g. the tables are missing (`npm run setup`): try again on the next request.
      app = undefined;
      throw error;
    },
  );
  return app;
}
const warmUp = () => void loadApp().catch((error: unknown) => log("error", "the app failed to load", { error: String(error) }));

// --- Health, from the database alone ----------------------------------------
const history = historyFor(database.provider);
let warmed = false;
const health: RequestHandler = async (_request, response) => {
  const result = await checkHealth(prisma, history);
  if (result !== "ok") log("error", "health check failed", { result });
  const { status, body } = healthResponse(result);
  response.status(status).set({ "Cache-Control": "no-store", "Content-Type": "text/plain" }).send(body);
  // The first health check has been answered: now load the app, off its path.
  if (!warmed) {
    warmed = true;
    setImmediate(warmUp);
  }
};

// --- HTTP ---------------------------------------------------------------------
let stopping = false;
const server = express();
server.disable("x-powered-by");
// While stopping, answers end their connection, so keep-alive clients do not hold the server open.
server.use((_request, response, next) => {
  if (stopping) response.set("Connection", "close");
  next();
});
server.get(HEALTH_PATH, health);
server.use(compression());
// Vite's fingerprinted assets never change; the rest of public/ may.
server.use("/assets", express.static(path.join(CLIENT, "assets"), { immutable: true, maxAge: "1y" }));
server.use(express.static(CLIENT, { maxAge: "1h" }));
server.all("*", async (request, response, next) => {
  let handle: RequestHandler;
  try {
    handle = await loadApp();
  } catch (error) {
    log("error", "the app failed to load", { error: String(error) });
    response.status(503).set("Retry-After", "5").type("text/plain").send("The app is starting or misconfigured; see the server log.");
    return;
  }
  return handle(request, response, next);
});

const http = createServer(server);
// Longer than the load balancers' idle timeouts (Fly's is 60 s), so they close idle connections first.
http.keepAliveTimeout = 65_000;
http.listen(PORT, HOST, () => {
  const { address, port } = http.address() as AddressInfo;
  log("info", "listening", { address, port });
  // No request within a second (nothing probes health here): load the app anyway.
  setTimeout(() => {
    if (!warmed) {
      warmed = true;
      warmUp();
    }
  }, 1_000).unref();
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
