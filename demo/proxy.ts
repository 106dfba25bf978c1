import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CATALOGUE_PATH, DEMO_CATALOGUE } from "../simulator/catalogue";
import { emailsPage, type SunkEmail } from "./mail-sink";
import { embeddedUrl, signSessionToken } from "./session-token";

const APP_BRIDGE_CDN = "https://cdn.shopify.com/shopifycloud/app-bridge.js";
const STUB_PATH = "/__demo/app-bridge.js";
const STUB = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "../simulator/app-bridge-stub.js"));
// The products the stub's resource picker lists: the simulator's demo catalogue, the one the app reads through the Admin API.
const CATALOGUE = JSON.stringify(DEMO_CATALOGUE);

interface ProxyOptions {
  port: number;
  appPort: number;
  appUrl: string;
  credentials: { shop: string; apiKey: string; apiSecret: string };
  /** What the demo's mail server received, shown at /__demo/emails. */
  emails: () => SunkEmail[];
}

export const EMAILS_PATH = "/__demo/emails";

/**
 * What the Shopify admin does around an embedded app, for an ordinary
 * browser: opens admin pages with fresh signed params, and provides App
 * Bridge (here the stub, in place of the CDN script) and the products its
 * resource picker lists. Everything else passes through to the production
 * server untouched.
 */
export function startDemoProxy({ port, appPort, appUrl, credentials, emails }: ProxyOptions): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", appUrl);
    try {
      if (url.pathname === STUB_PATH) {
        res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" });
        return res.end(STUB);
      }
      if (url.pathname === CATALOGUE_PATH) {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
        return res.end(CATALOGUE);
      }
      if (url.pathname === EMAILS_PATH) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        return res.end(emailsPage(emails()));
      }
      if (url.pathname === "/__demo/session-token") {
        res.writeHead(200, { "content-type": "text/plain", "cache-control": "no-store" });
        return res.end(await signSessionToken(credentials));
      }
      // A page opened directly (no id_token): open it the way the admin iframe would.
      const isDocument = req.method === "GET" && (req.headers.accept ?? "").includes("text/html");
      if (isDocument && (url.pathname === "/" || url.pathname.startsWith("/app")) && !url.searchParams.has("id_token")) {
        const target = url.pathname === "/" ? "/app" : `${url.pathname}${url.search}`;
        res.writeHead(302, { location: await embeddedUrl(appUrl, target, credentials) });
        return res.end();
      }
      forward(req, res, appPort);
    } catch (error) {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`Demo proxy error: ${(error as Error).message}`);
    }
  });
  return new Promise((resolve) => server.listen(port, () => resolve(server)));
}

function forward(req: http.IncomingMessage, res: http.ServerResponse, appPort: number) {
  // Uncompressed, so HTML can be rewritten.
  const headers = { ...req.headers, "accept-encoding": "identity" };
  const upstream = http.request({ port: appPort, path: req.url, method: req.method, headers }, (answer) => {
    const isHtml = (answer.headers["content-type"] ?? "").includes("text/html");
    if (!isHtml) {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      return;
    }
    const chunks: Buffer[] = [];
    answer.on("data", (chunk: Buffer) => chunks.push(chunk));
    answer.on("end", () => {
      const html = Buffer.concat(chunks).toString("utf8").replaceAll(APP_BRIDGE_CDN, STUB_PATH);
      const { "content-length": _length, "transfer-encoding": _encoding, link: _preload, ...rest } = answer.headers;
      res.writeHead(answer.statusCode ?? 502, { ...rest, "content-length": Buffer.byteLength(html) });
      res.end(html);
    });
  });
  upstream.on("error", (error) => {
    res.writeHead(502, { "content-type": "text/plain" });
    res.end(`The app server is not answering: ${error.message}`);
  });
  req.pipe(upstream);
}
