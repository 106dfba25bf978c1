/**
 * Sends one email through nodemailer: SMTP (any provider: Postmark, SES,
 * Resend, Mailgun and the rest all take SMTP) or, for development, the log.
 * The outbox (outbox.server.ts) decides what to send and when; this only
 * hands a finished message to the transport.
 */
import nodemailer, { type Transporter } from "nodemailer";

export interface OutgoingEmail {
  /** `"Shop name" <address>`: the shop's name on the app's sending address. */
  from: { name: string; address: string };
  to: string;
  replyTo?: string | null;
  subject: string;
  text: string;
  html: string;
  /** Stable per outbox row (`<outbox-ID.shop@host>`): a receiving system that dedupes on it sees one message. */
  messageId: string;
}

export interface Mailer {
  /** "smtp://host:port" or "log": what the logs say emails go through. */
  readonly transport: string;
  /** Resolves once the server accepted the message (SMTP 250); rejects otherwise, with nothing sent. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}

export interface MailerSettings {
  transport: "smtp" | "log";
  smtpUrl?: string;
}

/** Bounds on one SMTP exchange, so a hung server cannot hold a tick (the row is retried later). */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function createMailer(settings: MailerSettings, log: (message: string, details: Record<string, unknown>) => void): Mailer {
  if (settings.transport === "log" || !settings.smtpUrl) {
    // Builds the whole message (so a broken one fails here as it would over SMTP), then logs it.
    const transporter = nodemailer.createTransport({ jsonTransport: true });
    return {
      transport: "log",
      async send(email) {
        await transporter.sendMail(toNodemailer(email));
        log("email (EMAIL_TRANSPORT=log: logged, not sent)", { to: email.to, subject: email.subject, messageId: email.messageId, text: email.text });
        return { messageId: email.messageId };
      },
      close: () => transporter.close(),
    };
  }
  const url = new URL(settings.smtpUrl);
  const transporter: Transporter = nodemailer.createTransport({ url: settings.smtpUrl, ...SMTP_TIMEOUTS });
  return {
    transport: `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ""}`,
    async send(email) {
      const info = (await transporter.sendMail(toNodemailer(email))) as { messageId?: string; rejected?: unknown[] };
      if (Array.isArray(info.rejected) && info.rejected.length > 0) {
        throw Object.assign(new Error(`the SMTP server refused the recipient ${email.to}`), { responseCode: 550 });
      }
      return { messageId: info.messageId ?? email.messageId };
    },
    close: () => transporter.close(),
  };
}

function toNodemailer(email: OutgoingEmail) {
  return {
    from: email.from,
    to: email.to,
    replyTo: email.replyTo ?? undefined,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: email.messageId,
    // Transactional mail: tells auto-responders and vacation replies not to answer.
    headers: { "Auto-Submitted": "auto-generated" },
  };
}

/**
 * Whether an SMTP failure is final for this message: the server refused the
 * message or its recipient (550-554: no such mailbox, rejected content).
 * Everything else is temporary and the row is tried again: connection
 * failures, time-outs, 4xx answers, and refused credentials (535, EAUTH),
 * which are the app's configuration to fix, not the message's fault.
 */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (code === "EAUTH") return false;
  return typeof responseCode === "number" && responseCode >= 550 && responseCode <= 554;
}
