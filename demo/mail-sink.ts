/**
 * The demo's mail server: an SMTP server on localhost (smtp-server) that
 * keeps what the app sends in memory, for the proxy's /__demo/emails page.
 * Nothing leaves the machine. The app sends to it over real SMTP, exactly as
 * it would to Postmark or SES (SMTP_URL).
 */
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { escapeHtml } from "../app/notifications/templates";

export interface SunkEmail {
  id: number;
  receivedAt: Date;
  to: string[];
  from: string;
  replyTo: string;
  subject: string;
  text: string;
  html: string;
}

/** How many emails the page keeps (newest first). */
const KEEP = 200;

export async function startMailSink(port: number): Promise<{ url: string; emails: () => SunkEmail[] }> {
  const emails: SunkEmail[] = [];
  let next = 1;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          emails.unshift({
            id: next++,
            receivedAt: new Date(),
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: parsed.from?.text ?? "",
            replyTo: parsed.replyTo?.text ?? "",
            subject: parsed.subject ?? "(no subject)",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
          });
          emails.length = Math.min(emails.length, KEEP);
          callback();
        })
        .catch((error: unknown) => callback(error as Error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return { url: `smtp://127.0.0.1:${port}`, emails: () => emails };
}

const escape = escapeHtml;

/** /__demo/emails: every email the sink received, newest first, each with its HTML part in a sandboxed frame. */
export function emailsPage(emails: SunkEmail[]): string {
  const rows = emails
    .map(
      (email) => `
<section class="email" id="email-${email.id}">
  <h2>${escape(email.subject)}</h2>
  <dl>
    <dt>To</dt><dd>${escape(email.to.join(", "))}</dd>
    <dt>From</dt><dd>${escape(email.from)}</dd>
    <dt>Reply-To</dt><dd>${escape(email.replyTo || "(none)")}</dd>
    <dt>Received</dt><dd>${email.receivedAt.toISOString()}</dd>
  </dl>
  <iframe title="${escape(email.subject)}" sandbox srcdoc="${escape(email.html)}"></iframe>
  <details><summary>Text part</summary><pre>${escape(email.text)}</pre></details>
</section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo emails</title>
<style>
  body { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; margin: 24px auto; max-width: 860px; color: #1a1a1a; }
  .email { border: 1px solid #ddd; border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
  h2 { font-size: 17px; margin: 0 0 8px; }
  dl { display: grid; grid-template-columns: 90px 1fr; gap: 2px 12px; font-size: 13px; margin: 0 0 12px; }
  dt { color: #666; }
  dd { margin: 0; }
  iframe { width: 100%; height: 360px; border: 1px solid #eee; border-radius: 6px; background: #f6f6f7; }
  pre { white-space: pre-wrap; font-size: 13px; }
</style></head>
<body>
<h1>Emails the demo app sent</h1>
<p>Received by the demo's local SMTP server; nothing leaves this machine. The app sends due emails at its next billing tick (every minute). ${emails.length} email${emails.length === 1 ? "" : "s"}.</p>
${rows || "<p><em>No emails yet.</em></p>"}
</body></html>`;
}
