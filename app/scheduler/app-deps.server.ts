import prisma from "../db/client.server";
import { readEmailEnv } from "../env.server";
import { logger } from "../logger.server";
import { createMailer } from "../notifications/mailer.server";
import { unauthenticated } from "../shopify/shopify.server";
import { createAdminGateway } from "../shopify/admin-gateway.server";
import type { EngineDeps } from "./deps";

const emailEnv = readEmailEnv();
const mailer = createMailer({ transport: emailEnv.transport, smtpUrl: emailEnv.smtpUrl }, (message, details) => logger.info(details, message));
if (mailer.transport === "log") logger.warn("emails are written to the log, not sent: set SMTP_URL and EMAIL_FROM to send them (docs/notifications.md)");

/** The engine wired to the app: its database, each shop's offline session, its mailer, its logger. */
export const engineDeps: EngineDeps = {
  prisma,
  async adminFor(shop) {
    const { admin } = await unauthenticated.admin(shop);
    return createAdminGateway(admin.graphql);
  },
  log: (level, message, details) => logger[level](details, message),
  email: { mailer, fromAddress: emailEnv.from, apiKey: emailEnv.apiKey },
};
