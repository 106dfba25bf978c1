/**
 * Composes prisma/<provider>/schema.prisma from prisma/models.prisma, the one
 * source of truth for the models. Prisma fixes the provider in the schema
 * file, so each provider gets its own schema and migration history.
 *
 *   npm run db:schemas           write the provider schemas
 *   npm run db:schemas -- --check exit 1 if any is stale
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PROVIDERS, type Provider } from "../app/db/database-url.server";

export const PRISMA_DIR = path.dirname(fileURLToPath(import.meta.url));
export const MODELS_FILE = path.join(PRISMA_DIR, "models.prisma");

export function schemaPath(provider: Provider): string {
  return path.join(PRISMA_DIR, provider, "schema.prisma");
}

export function migrationsPath(provider: Provider): string {
  return path.join(PRISMA_DIR, provider, "migrations");
}

/** The schema for one provider, as text, from the shared models. */
export function composeSchema(provider: Provider, models = readFileSync(MODELS_FILE, "utf8")): string {
  // SQLite has no native column types; String is TEXT there anyway.
  const body = provider === "sqlite" ? models.replace(/[ \t]+@db\.\w+(\([^)]*\))?/g, "") : models;
  return `// GENERATED from prisma/models.prisma by \`npm run db:schemas\`. Do not edit.

datasource db {
  provider = "${provider}"
${urlComment(provider)}
  url      = "${placeholderUrl(provider)}"
}

${body}`;
}

/**
 * Prisma's own value for "no URL given" (prisma/orm#26995). The migrate CLI
 * connects SQLite and PostgreSQL through the driver adapter of
 * prisma.config.ts and, at every migrate command, warns that any other
 * schema url "will NOT be used" (and names its database in the
 * `Datasource "db"` line as if it were). tests/integration/prisma-cli.test.ts
 * checks that the warning stays away.
 */
const NO_URL_PLACEHOLDER = "<invalid>";

function urlComment(provider: Provider): string {
  return provider === "mysql"
    ? `  // Unused: the app connects to DATABASE_URL through a driver adapter (app/db),
  // and prisma.config.ts gives the migrate CLI that URL itself.`
    : `  // Unused: the app and the migrate CLI connect to DATABASE_URL through driver
  // adapters (app/db, prisma.config.ts). Prisma 6 requires the argument;
  // "${NO_URL_PLACEHOLDER}" is Prisma's own value for "none", so migrate does not warn.`;
}

function placeholderUrl(provider: Provider): string {
  switch (provider) {
    case "sqlite":
    case "postgresql":
      return NO_URL_PLACEHOLDER;
    // MySQL migrations use the native engine with the URL from prisma.config.ts.
    case "mysql":
      return "mysql://localhost:3306/app";
  }
}

function main(argv: string[]) {
  const check = argv.includes("--check");
  const stale: string[] = [];
  for (const provider of PROVIDERS) {
    const file = schemaPath(provider);
    const wanted = composeSchema(provider);
    let current = "";
    try {
      current = readFileSync(file, "utf8");
    } catch {
      // missing counts as stale
    }
    if (current === wanted) continue;
    stale.push(path.relative(process.cwd(), file));
    if (!check) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, wanted);
    }
  }
  if (check && stale.length > 0) {
    console.error(
      `Stale provider schemas: ${stale.join(", ")}. Run \`npm run db:schemas\` after editing prisma/models.prisma.`,
    );
    process.exit(1);
  }
  if (!check) console.log(stale.length ? `Wrote ${stale.join(", ")}` : "Provider schemas are up to date.");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
