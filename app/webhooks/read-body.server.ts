/**
 * The request body as text, or null once it passes `maxBytes`. Keeps at most
 * `maxBytes` in memory whether or not the body declares its Content-Length.
 * Past the limit it goes on reading, and dropping, up to DISCARD_FACTOR times
 * the limit: a client still sending gets to read the 413 rather than a reset
 * connection (cancelling the stream closes the socket under it). Beyond that
 * the stream is cancelled after all.
 */
export const DISCARD_FACTOR = 16;

export async function readBodyWithin(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes * DISCARD_FACTOR) {
      await reader.cancel();
      return null;
    }
    if (size <= maxBytes) chunks.push(value);
  }
  return size > maxBytes ? null : Buffer.concat(chunks).toString("utf8");
}
