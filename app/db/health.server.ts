/**
 * The health check behind /healthz: up when the database answers and every
 * migration of the app's history is applied. Load balancers and platforms
 * (Fly, Docker's HEALTHCHECK) keep traffic away from an instance that is not,
 * e.g. one started before `prisma migrate deploy` ran.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import type { Provider } from "./database-url.server";

export type Health = "ok" | "database-unavailable" | "migrations-pending";

/** Pure: the history's migrations are all among those the database finished (and did not roll back). */
export function migrationsApplied(history: readonly string[], applied: readonly string[]): boolean {
  const done = new Set(applied);
  return history.every((name) => done.has(name));
}

/**
 * The migration folder names of the provider's history. Read from
 * prisma/<provider>/migrations under the working directory, where every way
 * of running the app starts (npm start, the Docker image, Fly, Vercel's
 * function, which includes the folder).
 */
export function historyFor(provider: Provider, root = process.cwd()): string[] {
  try {
    return readdirSync(path.join(root, "prisma", provider, "migrations"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

const APPLIED = `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

export async function checkHealth(prisma: PrismaClient, history: readonly string[]): Promise<Health> {
  let applied: string[];
  try {
    applied = (await prisma.$queryRawUnsafe<Array<{ migration_name: string }>>(APPLIED)).map((row) => row.migration_name);
  } catch (error) {
    // No migrations table yet: reachable, but nothing is applied.
    if (/_prisma_migrations/.test(String((error as Error).message))) return history.length === 0 ? "ok" : "migrations-pending";
    return "database-unavailable";
  }
  return migrationsApplied(history, applied) ? "ok" : "migrations-pending";
}

/** The response: 200 or 503 and a word, never the reason's details (they are logged). */
export function healthResponse(health: Health): { status: 200 | 503; body: string } {
  return health === "ok" ? { status: 200, body: "ok" } : { status: 503, body: "unavailable" };
}
