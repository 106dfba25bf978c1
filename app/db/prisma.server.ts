import { PrismaClient } from "@prisma/client";
import { readDatabaseEnv } from "../env.server";
import { resolveDatabase } from "./database-url.server";
import { createPrismaClient } from "./prisma-client.server";

/**
 * The process's one Prisma client, without the boot check that
 * client.server.ts adds. Kept on globalThis: Vite's dev server evaluates
 * modules again on every change (one pool, not one per edit), and the
 * production server (server/start.ts, bundled apart from the Remix build)
 * answers /healthz with the same client the app then uses.
 */
function remember<T>(key: string, make: () => T): T {
  const store = globalThis as unknown as Record<string, T | undefined>;
  return (store[`__app_${key}`] ??= make());
}

export const database = resolveDatabase(readDatabaseEnv()).runtime;

export const prisma = remember("prisma", () => createPrismaClient(database, PrismaClient));

export { remember };
