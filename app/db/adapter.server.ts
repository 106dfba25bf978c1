import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Client, Config, Transaction, TransactionMode } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import { PrismaPg } from "@prisma/adapter-pg";
import type { DatabaseTarget } from "./database-url.server";

/** How long a SQLite writer waits for another process's lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * WAL lets readers go on while one process writes; busy_timeout makes a
 * writer wait for the lock. @libsql/client opens every SQLite connection with
 * busy_timeout = 0, and it
 * opens a fresh connection after each transaction. Without this, a second
 * process writing at the same moment (a worker, a migration, `npm run demo`
 * next to the dev server) fails at once with SQLITE_BUSY. Prisma's libSQL
 * adapter holds its lock from `transaction()` until commit, so applying the
 * pragma right after `transaction()` cannot race with another statement.
 * tests/integration/sqlite-concurrency.test.ts shows both across processes.
 */
class SqliteFileAdapterFactory extends PrismaLibSQL {
  override createClient(config: Config): Client {
    const client = super.createClient(config);
    const original = {
      execute: client.execute.bind(client),
      batch: client.batch.bind(client),
      executeMultiple: client.executeMultiple.bind(client),
      transaction: client.transaction.bind(client),
    };
    // busy_timeout first, so that switching to WAL also waits for a lock.
    const configure = async () => {
      await original.execute(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      await original.execute("PRAGMA journal_mode = WAL");
    };
    let configured: Promise<unknown> = configure();
    const afterConfigured =
      <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        await configured;
        return fn(...args);
      };
    return Object.assign(client, {
      execute: afterConfigured(original.execute),
      batch: afterConfigured(original.batch),
      executeMultiple: afterConfigured(original.executeMultiple),
      transaction: async (mode?: TransactionMode): Promise<Transaction> => {
        await configured;
        // Prisma asks for "deferred" transactions: two of them that read and
        // then write deadlock, and SQLite fails one at once with SQLITE_BUSY
        // without waiting. "write" (BEGIN IMMEDIATE) takes the write lock
        // first, so a concurrent writer waits out busy_timeout instead.
        const tx = await original.transaction(mode === "deferred" ? "write" : mode);
        configured = configure();
        await configured;
        return tx;
      },
    }) as Client;
  }
}

export type AdapterFactory = PrismaLibSQL | PrismaPg | PrismaMariaDb;

/**
 * The Prisma driver adapter for a database target; nothing connects until
 * first use. `exitOnIdle` lets a short-lived process (the migrate CLI) exit
 * as soon as its queries are done instead of holding idle pool connections.
 */
export function createAdapterFactory(target: DatabaseTarget, { exitOnIdle = false } = {}): AdapterFactory {
  switch (target.provider) {
    case "sqlite":
      if (target.mode === "remote") {
        return new PrismaLibSQL({ url: target.url, authToken: target.authToken });
      }
      // SQLite creates the file, but not the folder it lives in.
      mkdirSync(path.dirname(target.filePath!), { recursive: true });
      return new SqliteFileAdapterFactory({ url: target.url });
    case "postgresql":
      return new PrismaPg(
        { connectionString: target.url, max: target.poolMax, allowExitOnIdle: exitOnIdle },
        target.schema ? { schema: target.schema } : undefined,
      );
    case "mysql":
      return new PrismaMariaDb(withConnectionLimit(target.url, target.poolMax));
  }
}

function withConnectionLimit(url: string, poolMax: number): string {
  const parsed = new URL(url);
  parsed.protocol = "mariadb:";
  parsed.searchParams.set("connectionLimit", String(poolMax));
  return parsed.toString();
}
