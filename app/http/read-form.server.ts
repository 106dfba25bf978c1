/**
 * The posted form, or a 400 when the body is not one (a broken multipart
 * boundary, the wrong content type, a body too large for a form): Remix's
 * `request.formData()` throws on those, which answered 500.
 */
export const MAX_FORM_BYTES = 256 * 1024;

export async function readForm(request: Request): Promise<FormData> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_FORM_BYTES) throw new Response("Form too large", { status: 413 });
  try {
    return await request.formData();
  } catch {
    throw new Response("The request body is not a form", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}
