/**
 * A real SMTP server on 127.0.0.1 for the email tests (smtp-server, the
 * server half of nodemailer's project): it speaks the protocol, parses each
 * message it accepts with mailparser, and can be told to answer like a server
 * in trouble: refuse connections (stopped), defer (451) or reject (550).
 */
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedEmail {
  /** The envelope: MAIL FROM and RCPT TO. */
  from: string;
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

export type SmtpAnswer = "accept" | "defer" | "reject";

export class TestSmtpServer {
  readonly received: ReceivedEmail[] = [];
  answer: SmtpAnswer = "accept";
  /** Called once a message has arrived in full, before the server answers; resolve to answer. */
  beforeAnswer: ((email: ReceivedEmail) => Promise<void>) | null = null;
  private server: SMTPServer | null = null;
  private constructor(public port: number) {}

  static async start(port = 0): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer(port);
    await smtp.listen();
    return smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Listens again on the same port (after `stop`). */
  async listen(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      // Plain SMTP on loopback: no certificate to trust in tests.
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          void (async () => {
            if (this.answer !== "accept") {
              const [code, message] = this.answer === "defer" ? [451, "Try again later"] : [550, "Mailbox unavailable"];
              callback(Object.assign(new Error(message), { responseCode: code }));
              return;
            }
            const raw = Buffer.concat(chunks).toString("utf8");
            const email: ReceivedEmail = {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              parsed: await simpleParser(raw),
              raw,
            };
            this.received.push(email);
            if (this.beforeAnswer) await this.beforeAnswer(email);
            callback();
          })();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    const address = server.server.address();
    if (address && typeof address === "object") this.port = address.port;
    this.server = server;
  }

  /** Stops listening: connections are refused, as during an outage. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  clear(): void {
    this.received.length = 0;
  }
}
