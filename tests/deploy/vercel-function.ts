/**
 * Runs one function of `vercel build`'s output as Vercel's Node.js runtime
 * does, for tests/deploy/vercel.ts, which starts it with the working directory
 * set to a folder holding only that function's files (Vercel's /var/task).
 *
 * `.vc-config.json` names the handler. With `launcherType: "Nodejs"` and
 * `shouldAddHelpers: false` (what @vercel/remix-builder writes), Vercel calls
 * the module's default export with Node's own `IncomingMessage` and
 * `ServerResponse`, so an `http` server passing them through is the runtime
 * minus its proxy. Anything else is refused: this runner would call it wrongly.
 * A handler that fails to load answers 500 to every request, with the error on
 * stderr, as a Vercel function does (FUNCTION_INVOCATION_FAILED).
 *
 * Node runs this file itself (type stripping), without tsx's loader, so the
 * function's modules resolve exactly as on Vercel. Only the Admin API simulator,
 * which lives in the repository, is loaded through tsx, in its own namespace.
 *
 * Prints `listening <port>` once ready. On SIGTERM it stops and exits 1 if the
 * simulator answered anything against Shopify's schema.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as RemixNode from "@remix-run/node";
import { register } from "tsx/esm/api";
import type * as FetchGlobals from "../../simulator/fetch-globals";
import type * as Simulator from "../../simulator/node";

interface VcConfig {
  handler: string;
  launcherType?: string;
  shouldAddHelpers?: boolean;
  useWebApi?: boolean;
  runtime?: string;
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

const config = JSON.parse(readFileSync(".vc-config.json", "utf8")) as VcConfig;
if (config.launcherType !== "Nodejs" || config.shouldAddHelpers !== false || config.useWebApi) {
  throw new Error(`vercel-function.ts runs Node.js functions taking (req, res) only; .vc-config.json has ${JSON.stringify({ ...config, filePathMap: undefined })}`);
}
const handlerPath = path.resolve(config.handler);

// The simulator, as simulator/register.ts installs it, but with the fetch
// classes of the function's own @remix-run/node (its copy of undici): the
// handler installs those at load, and MSW's patched ones must stay in place.
const functionRequire = createRequire(handlerPath);
const { installGlobals } = functionRequire("@remix-run/node") as typeof RemixNode;
const tsx = register({ namespace: "vercel-function-simulator" });
const { startAdminApiSimulator } = (await tsx.import("../../simulator/node.ts", import.meta.url)) as typeof Simulator;
const { startWithPatchedFetchGlobals } = (await tsx.import("../../simulator/fetch-globals.ts", import.meta.url)) as typeof FetchGlobals;
const simulator = startWithPatchedFetchGlobals(
  () => installGlobals({ nativeFetch: true }),
  () => startAdminApiSimulator({ apiKey: process.env.SHOPIFY_API_KEY!, apiSecret: process.env.SHOPIFY_API_SECRET!, scopes: process.env.SCOPES }),
);

let handler: NodeHandler | undefined;
let loadError: unknown;
try {
  handler = ((await import(pathToFileURL(handlerPath).href)) as { default: NodeHandler }).default;
} catch (error) {
  loadError = error;
  console.error(`The function failed to load (${config.handler}):`, error);
}

const server = createServer((req, res) => {
  if (!handler) {
    res.writeHead(500, { "Content-Type": "text/plain", "X-Vercel-Error": "FUNCTION_INVOCATION_FAILED" });
    res.end(String(loadError));
    return;
  }
  Promise.resolve(handler(req, res)).catch((error: unknown) => {
    console.error(`${req.method} ${req.url} failed:`, error);
    if (!res.headersSent) res.writeHead(500, { "X-Vercel-Error": "FUNCTION_INVOCATION_FAILED" });
    res.end();
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});

process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  try {
    simulator.close();
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
  process.exit(0);
});
