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
import { addDocumentResponseHeaders } from "./shopify/shopify.server";

// BILLING_SCHEDULER=in-process (the default off Vercel): the web server ticks the billing engine every minute.
if (schedulerMode(readSchedulerEnv()) === "in-process") startInProcessScheduler(engineDeps);

export const streamTimeout = 5000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
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
