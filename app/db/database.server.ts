import type { PrismaClient } from "@prisma/client";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import type { DatabaseTarget } from "./database-url.server";
import { AppMemorySessionStorage } from "./memory-session-storage.server";
import { DatabaseSetupError } from "./prisma-client.server";

// Kept importable from here, where they were first.
export { createPrismaClient, DatabaseSetupError, type PrismaClientClass } from "./prisma-client.server";

export type SessionStorageKind = "prisma" | "memory";


/** SESSION_STORAGE and its production guard. */
export class SessionStorageConfigError extends Error {
  override name = "SessionStorageConfigError";
}

/** What resolveSessionStorageKind reads (readSessionEnv() in app/env.server.ts). */
export type SessionEnv = { SESSION_STORAGE?: string; ALLOW_MEMORY_SESSION_STORAGE?: string; NODE_ENV?: string };

/**
 * SESSION_STORAGE picks where OAuth sessions live: `prisma` (the default) or
 * `memory`. Memory storage in production loses every session on restart and
 * is not shared between instances, so it must be asked for twice.
 */
export function resolveSessionStorageKind(env: SessionEnv): SessionStorageKind {
  const kind = (env.SESSION_STORAGE ?? "prisma").trim().toLowerCase() || "prisma";
  if (kind !== "prisma" && kind !== "memory") {
    throw new SessionStorageConfigError(
      `SESSION_STORAGE must be "prisma" or "memory", got "${env.SESSION_STORAGE}".`,
    );
  }
  if (kind === "memory" && env.NODE_ENV === "production" && env.ALLOW_MEMORY_SESSION_STORAGE !== "true") {
    throw new SessionStorageConfigError(
      "SESSION_STORAGE=memory refused in production: sessions would be lost on every restart and not " +
        "shared between instances, so merchants would have to reinstall. Use SESSION_STORAGE=prisma, " +
        "or set ALLOW_MEMORY_SESSION_STORAGE=true if you accept that.",
    );
  }
  return kind;
}


/**
 * Prisma reports a missing table as P2021 on some adapters and passes the
 * driver's own error through on others (libSQL: "no such table", MariaDB:
 * "doesn't exist").
 */
function isMissingTable(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === "P2021" || /no such table|does not exist|doesn't exist/i.test(message ?? "");
}

/**
 * Fails fast, naming `npm run setup`, when the app's tables are missing,
 * instead of letting the first request fail with MissingSessionTableError.
 */
export async function assertDatabaseReady(prisma: PrismaClient, target: DatabaseTarget): Promise<void> {
  try {
    await prisma.session.findFirst({ select: { id: true } });
  } catch (error) {
    if (isMissingTable(error)) {
      throw new DatabaseSetupError(
        `The Session table does not exist in ${target.redactedUrl}. Run \`npm run setup\` ` +
          "to create the app's tables (it runs prisma generate and prisma migrate deploy).",
        { cause: error },
      );
    }
    throw new DatabaseSetupError(
      `Cannot reach the database at ${target.redactedUrl}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

export function createSessionStorage(kind: SessionStorageKind, prisma: PrismaClient): SessionStorage {
  if (kind === "memory") return new AppMemorySessionStorage();
  // assertDatabaseReady has already checked the table, so the storage's own
  // polling (two tries, five seconds apart) never has to wait.
  return new PrismaSessionStorage(prisma, { connectionRetries: 1, connectionRetryIntervalMs: 0 });
}
