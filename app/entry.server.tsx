import { PassThrough } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { readSchedulerEnv } from "./env.server";
import { schedulerMode } from "./scheduler/drivers";
import { engineDeps } from "./scheduler/app-deps.server";
import { startInProcessScheduler } from "./scheduler/in-process.server";
import { missingSecurityHeaders } from "./http/security-headers";
import { addShopifyDocumentHeaders, servedOverHttps } from "./shopify/shopify.server";

// BILLING_SCHEDULER=in-process (the default off Vercel): the web server ticks the billing engine every minute.
if (schedulerMode(readSchedulerEnv()) === "in-process") startInProcessScheduler(engineDeps);

export const streamTimeout = 5000;

/** nosniff, Referrer-Policy, HSTS over HTTPS, and no framing unless Shopify's frame-ancestors are set (app/http/security-headers.ts). */
function addSecurityHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(missingSecurityHeaders((name) => headers.has(name), { https: servedOverHttps }))) headers.set(name, value);
}

/** Loader and action data (single fetch) get the same headers as documents. */
export function handleDataRequest(response: Response): Response {
  addSecurityHeaders(response.headers);
  return response;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addShopifyDocumentHeaders(request, responseHeaders);
  addSecurityHeaders(responseHeaders);
  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} />,
      {
        [callback]: () => {
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          console.error(error);
        },
      },
    );
    // Abort after the stream timeout so that rejected boundaries can flush.
    setTimeout(abort, streamTimeout + 1000);
  });
}
