import { PrismaClient } from "@prisma/client";
import { readDatabaseEnv, readSessionEnv } from "../env.server";
import { resolveDatabase } from "./database-url.server";
import {
  assertDatabaseReady,
  createPrismaClient,
  createSessionStorage,
  resolveSessionStorageKind,
} from "./database.server";

// Vite's dev server evaluates this module again on every change; keeping the
// client on globalThis stops each edit from opening another connection pool
// (and keeps memory sessions across edits).
function remember<T>(key: string, make: () => T): T {
  const store = globalThis as unknown as Record<string, T | undefined>;
  return (store[`__app_${key}`] ??= make());
}

const { runtime: database } = resolveDatabase(readDatabaseEnv());

export const prisma = remember("prisma", () => createPrismaClient(database, PrismaClient));

// Boot stops here, naming `npm run setup`, when the tables are missing.
await assertDatabaseReady(prisma, database);

export const sessionStorage = remember("sessionStorage", () =>
  createSessionStorage(resolveSessionStorageKind(readSessionEnv()), prisma),
);

export default prisma;
