import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import type { Mailer } from "../notifications/mailer.server";
import type { AdminGateway } from "../shopify/admin-gateway.server";

/** What the billing scheduler and the dunning engine need from the outside world. */
export interface EngineDeps {
  prisma: PrismaClient;
  /** The shop's Admin API, with its offline session. Throws when the shop has none (uninstalled). */
  adminFor(shop: string): Promise<AdminGateway>;
  log(level: "info" | "warn" | "error", message: string, details: Record<string, unknown>): void;
  /** How the outbox's emails leave (app/notifications). */
  email: {
    mailer: Mailer;
    /** The sending address (EMAIL_FROM); the shop's name is shown with it. */
    fromAddress: string;
    /** The app's client id, for links to the app's pages in the Shopify admin. */
    apiKey: string;
  };
}

export interface EngineOptions {
  /** How long a claim holds its work before another instance may take it over. */
  leaseMs: number;
  /** Tries of one scheduled charge (transient failures) before it is recorded as failed. */
  maxChargeTries: number;
  /** Tries of one billing-attempt event before it is given up. */
  maxEventTries: number;
  /** Wait before trying failed work again, by how many tries it has had. */
  retryDelayMs(tries: number): number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  leaseMs: 5 * 60_000,
  maxChargeTries: 5,
  maxEventTries: 10,
  retryDelayMs: (tries) => Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, tries - 1)),
};

/** Errors that trying again will not fix: the caller records them and moves on. */
export function isPermanent(error: unknown): boolean {
  const kind = (error as { kind?: string } | null)?.kind;
  if (kind === "userErrors" || kind === "failed") return true;
  // unauthenticated.admin without an offline session: the app was uninstalled.
  // (By class name too: bundlers and test runners can load the package twice.)
  return error instanceof SessionNotFoundError || (error as object | null)?.constructor?.name === "SessionNotFoundError";
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `tasks` with at most `concurrency` at a time; returns their results in order. */
export async function runBounded<T>(tasks: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, worker));
  return results;
}

/** Rows whose lease is free, or held by a claimer whose lease ran out. */
export function claimableNow(now: Date) {
  return { OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] };
}

/**
 * Claims each of `rows` for this caller with a fresh token: `update` is a
 * compare-and-set (`updateMany` matching exactly what was read, setting the
 * lease and token), so of two callers that read the same row one gets it.
 * Returns the rows this caller got, with their tokens.
 */
export async function claimEach<Row>(
  rows: Row[],
  update: (row: Row, token: string) => Promise<{ count: number }>,
): Promise<Array<Row & { token: string }>> {
  const claimed: Array<Row & { token: string }> = [];
  for (const row of rows) {
    const token = randomUUID();
    if ((await update(row, token)).count === 1) claimed.push({ ...row, token });
  }
  return claimed;
}
