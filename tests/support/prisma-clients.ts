/**
 * One generated Prisma client per provider, so that a single test run can
 * exercise SQLite, PostgreSQL and MySQL through the app's own wiring (the app
 * itself uses the one client `npm run setup` generates). Each is generated
 * from the provider's schema into node_modules/.cache/prisma-clients, and
 * only again when that schema changes.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { PrismaClientClass } from "../../app/db/database.server";
import { PROVIDERS, type Provider } from "../../app/db/database-url.server";
import { schemaPath } from "../../prisma/schemas";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const CLIENTS_DIR = path.join(ROOT, "node_modules/.cache/prisma-clients");

function clientDir(provider: Provider) {
  return path.join(CLIENTS_DIR, provider);
}

/** Generates any provider client whose schema changed since it was last generated. */
export function generateProviderClients(): void {
  for (const provider of PROVIDERS) {
    const schema = readFileSync(schemaPath(provider), "utf8");
    const outDir = clientDir(provider);
    const stamp = path.join(outDir, ".schema-hash");
    const hash = createHash("sha256").update(schema).digest("hex");
    if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) continue;

    const workDir = path.join(CLIENTS_DIR, `${provider}-schema`);
    mkdirSync(workDir, { recursive: true });
    const schemaFile = path.join(workDir, "schema.prisma");
    writeFileSync(
      schemaFile,
      schema.replace(/engineType\s*=\s*"client"/, (m) => `${m}\n  output     = "${outDir}"`),
    );
    execFileSync(path.join(ROOT, "node_modules/.bin/prisma"), ["generate", "--schema", schemaFile], {
      cwd: ROOT,
      // The CLI's config only needs a valid URL to load; generate connects to nothing.
      env: { ...process.env, DATABASE_URL: "", DIRECT_URL: "" },
      stdio: "pipe",
    });
    writeFileSync(stamp, hash);
  }
}

const require = createRequire(import.meta.url);

/** The generated PrismaClient class for a provider (after generateProviderClients). */
export function providerClient(provider: Provider): PrismaClientClass {
  return (require(clientDir(provider)) as { PrismaClient: PrismaClientClass }).PrismaClient;
}
