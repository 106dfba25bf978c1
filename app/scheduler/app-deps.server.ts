import prisma from "../db/client.server";
import { logger } from "../logger.server";
import { unauthenticated } from "../shopify/shopify.server";
import { createAdminGateway } from "../shopify/admin-gateway.server";
import type { EngineDeps } from "./deps";

/** The engine wired to the app: its database, each shop's offline session, its logger. */
export const engineDeps: EngineDeps = {
  prisma,
  async adminFor(shop) {
    const { admin } = await unauthenticated.admin(shop);
    return createAdminGateway(admin.graphql);
  },
  log: (level, message, details) => logger[level](details, message),
};
