/**
 * Creating the Prisma client, apart from session storage and Shopify's
 * libraries: the production server (server/start.ts) answers /healthz with
 * this alone, before it loads the app.
 */
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { createAdapterFactory } from "./adapter.server";
import type { DatabaseTarget } from "./database-url.server";

/** The database is reachable but not set up for this app (no tables, wrong client). */
export class DatabaseSetupError extends Error {
  override name = "DatabaseSetupError";
}

// Files the server reads at run time through paths computed only then, named
// for file tracers in the form they evaluate at build time (`process.cwd()` is
// the project root there), as the generated client names its schema.prisma.
// Vercel deploys each function with only the files @vercel/nft traces from the
// server build, so without these lines the function is missing:
// - query_compiler_bg.wasm, which the generated client (engineType "client")
//   compiles every query with, read from `path.join(config.dirname, ...)` in
//   node_modules/.prisma/client/index.js: no tracer follows that, and the first
//   query failed with ENOENT (prisma/orm#27486);
// - prisma/<provider>/migrations, which /healthz compares with the applied
//   migrations (historyFor in health.server.ts).
// Bare calls on purpose: the bundle keeps them as they are, whereas an unused
// constant holding them becomes an expression nft does not evaluate.
// `npm run test:vercel` (tests/deploy/vercel.ts) fails when one goes missing.
path.join(process.cwd(), "node_modules/.prisma/client/query_compiler_bg.wasm");
path.join(process.cwd(), "prisma/sqlite/migrations");
path.join(process.cwd(), "prisma/postgresql/migrations");
path.join(process.cwd(), "prisma/mysql/migrations");

export type PrismaClientClass = new (options: {
  adapter: ReturnType<typeof createAdapterFactory>;
}) => PrismaClient;

/**
 * A Prisma client for the target, through its driver adapter. The generated
 * client is built for one provider (`npm run setup` generates it for the
 * provider DATABASE_URL names); a mismatch is reported with the fix.
 */
export function createPrismaClient(target: DatabaseTarget, Client: PrismaClientClass): PrismaClient {
  try {
    return new Client({ adapter: createAdapterFactory(target) });
  } catch (error) {
    const reported = /provider `(\w+)` specified in the Prisma schema/.exec(String(error))?.[1];
    if (!reported) throw error;
    // Prisma's message says "postgres" where the schema says "postgresql".
    const generatedFor = reported === "postgres" ? "postgresql" : reported;
    throw new DatabaseSetupError(
      `Prisma Client was generated for ${generatedFor}, but DATABASE_URL (${target.redactedUrl}) is a ` +
        `${target.provider} database. Run \`npm run setup\` to generate the client and apply the ` +
        `prisma/${target.provider} migrations.`,
      { cause: error },
    );
  }
}
