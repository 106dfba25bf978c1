import path from "node:path";
import { pathToFileURL } from "node:url";

/** The Prisma datasource providers this template ships migration histories for. */
export const PROVIDERS = ["sqlite", "postgresql", "mysql"] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Where the embedded database lives when DATABASE_URL is unset. */
export const DEFAULT_SQLITE_PATH = "prisma/dev.sqlite";

export type DatabaseTarget =
  | {
      provider: "sqlite";
      /** `file` is an embedded SQLite file, `remote` is Turso/libSQL over the network. */
      mode: "file" | "remote";
      url: string;
      authToken?: string;
      /** Absolute path of the SQLite file in file mode. */
      filePath?: string;
      redactedUrl: string;
    }
  | {
      provider: "postgresql";
      url: string;
      /** The `schema` search path (Prisma's `?schema=` URL convention). */
      schema?: string;
      /** Connections per process; see `poolMax` in resolveDatabaseTarget. */
      poolMax: number;
      redactedUrl: string;
    }
  | {
      provider: "mysql";
      url: string;
      poolMax: number;
      redactedUrl: string;
    };

export interface ResolvedDatabase {
  /** What the app connects to (a pooled URL in serverless production). */
  runtime: DatabaseTarget;
  /** What migrations run against: DIRECT_URL when set, else the runtime URL. */
  migrations: DatabaseTarget;
}

export class DatabaseUrlError extends Error {
  override name = "DatabaseUrlError";
}

/**
 * What resolveDatabase reads: app/env.server.ts declares these, and
 * readDatabaseEnv() reads them. Other variables are ignored, so a test or a
 * child process's environment can be passed whole.
 */
export type DatabaseEnv = {
  [other: string]: string | undefined;
  DATABASE_URL?: string;
  DIRECT_URL?: string;
  DATABASE_POOL_MAX?: string;
  TURSO_AUTH_TOKEN?: string;
  VERCEL?: string;
  AWS_LAMBDA_FUNCTION_NAME?: string;
  NETLIFY?: string;
};

const SUPPORTED =
  "file:, postgres://, postgresql://, mysql:// or libsql:// (unset it to use the embedded SQLite file " +
  `${DEFAULT_SQLITE_PATH})`;

/** Replaces the password of a URL with `***` so it can be shown in logs and errors. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "***";
    for (const key of ["password", "authToken", "authtoken"]) {
      if (url.searchParams.has(key)) url.searchParams.set(key, "***");
    }
    return url.toString();
  } catch {
    return raw.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
  }
}

/** Serverless platforms get a pool of one connection per instance by default. */
export function isServerless(env: DatabaseEnv): boolean {
  return Boolean(env.VERCEL || env.AWS_LAMBDA_FUNCTION_NAME || env.NETLIFY);
}

function parsePoolMax(variable: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1000) {
    throw new DatabaseUrlError(
      `${variable} must be a whole number from 1 to 1000, got "${raw}".`,
    );
  }
  return value;
}

function parseTarget(variable: string, raw: string, env: DatabaseEnv, cwd: string): DatabaseTarget {
  const value = raw.trim();
  if (value.startsWith("file:")) {
    let rest = value.slice("file:".length).split("?")[0];
    if (rest.startsWith("//")) {
      // file:///abs/path is a URL with an empty host; file://name would make
      // "name" a host and silently put the database at the filesystem root.
      if (!rest.startsWith("///")) {
        throw new DatabaseUrlError(
          `${variable} "${value}" is ambiguous: use file:./relative/path.sqlite or file:///absolute/path.sqlite.`,
        );
      }
      rest = rest.slice(2);
    }
    if (!rest || rest === "/") {
      throw new DatabaseUrlError(
        `${variable} "${value}" names no file. Use e.g. file:./prisma/dev.sqlite.`,
      );
    }
    const filePath = path.resolve(cwd, decodeURIComponent(rest));
    const url = pathToFileURL(filePath).toString();
    return { provider: "sqlite", mode: "file", url, filePath, redactedUrl: url };
  }

  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DatabaseUrlError(
      `${variable} is not a valid URL (${redactUrl(value)}). Expected ${SUPPORTED}. ` +
        "Characters such as @, : or / in a password must be percent-encoded.",
    );
  }
  const redactedUrl = redactUrl(value);

  switch (url.protocol) {
    case "libsql:": {
      const authToken = env.TURSO_AUTH_TOKEN || url.searchParams.get("authToken") || undefined;
      if (!url.hostname) {
        throw new DatabaseUrlError(`${variable} (${redactedUrl}) has no host.`);
      }
      if (!authToken) {
        throw new DatabaseUrlError(
          `${variable} is a libsql:// URL but TURSO_AUTH_TOKEN is not set. ` +
            "Create one with `turso db tokens create <database>` and set TURSO_AUTH_TOKEN.",
        );
      }
      url.searchParams.delete("authToken");
      return { provider: "sqlite", mode: "remote", url: url.toString(), authToken, redactedUrl };
    }
    case "postgres:":
    case "postgresql:": {
      requireHostAndDatabase(variable, url, redactedUrl);
      // Prisma's own URL parameters mean nothing to the pg driver (and some
      // would be sent to the server as unknown settings), so translate them.
      const schema = url.searchParams.get("schema") ?? undefined;
      const connectionLimit = url.searchParams.get("connection_limit") ?? undefined;
      for (const key of ["schema", "connection_limit", "pgbouncer", "pool_timeout"]) {
        url.searchParams.delete(key);
      }
      return {
        provider: "postgresql",
        url: url.toString(),
        schema,
        poolMax: resolvePoolMax(variable, env, connectionLimit),
        redactedUrl,
      };
    }
    case "mysql:":
    case "mariadb:": {
      requireHostAndDatabase(variable, url, redactedUrl);
      const connectionLimit = url.searchParams.get("connection_limit") ?? undefined;
      url.searchParams.delete("connection_limit");
      url.protocol = "mysql:";
      return {
        provider: "mysql",
        url: url.toString(),
        poolMax: resolvePoolMax(variable, env, connectionLimit),
        redactedUrl,
      };
    }
    default:
      throw new DatabaseUrlError(
        `${variable} uses the unsupported protocol "${url.protocol}" (${redactedUrl}). Expected ${SUPPORTED}.`,
      );
  }
}

function requireHostAndDatabase(variable: string, url: URL, redactedUrl: string) {
  if (!url.hostname) {
    throw new DatabaseUrlError(`${variable} (${redactedUrl}) has no host.`);
  }
  if (url.pathname.replace(/^\//, "") === "") {
    throw new DatabaseUrlError(
      `${variable} (${redactedUrl}) names no database: add it as the path, e.g. ${url.protocol}//${url.host}/my_app.`,
    );
  }
}

function resolvePoolMax(variable: string, env: DatabaseEnv, fromUrl: string | undefined): number {
  return (
    parsePoolMax("DATABASE_POOL_MAX", env.DATABASE_POOL_MAX) ??
    parsePoolMax(`${variable}'s connection_limit`, fromUrl) ??
    (isServerless(env) ? 1 : 10)
  );
}

/**
 * Reads DATABASE_URL (and DIRECT_URL for migrations behind a pooler) and says
 * which database the app and its migrations use. DATABASE_URL alone picks
 * the provider; unset, it is the embedded SQLite file. `env` comes from
 * readDatabaseEnv() (app/env.server.ts), or from a test.
 */
export function resolveDatabase(env: DatabaseEnv, cwd = process.cwd()): ResolvedDatabase {
  const raw = env.DATABASE_URL?.trim()
    ? env.DATABASE_URL
    : `file:${DEFAULT_SQLITE_PATH}`;
  const runtime = parseTarget("DATABASE_URL", raw, env, cwd);
  if (!env.DIRECT_URL?.trim()) return { runtime, migrations: runtime };

  const migrations = parseTarget("DIRECT_URL", env.DIRECT_URL, env, cwd);
  if (migrations.provider !== runtime.provider) {
    throw new DatabaseUrlError(
      `DIRECT_URL is a ${migrations.provider} URL but DATABASE_URL is ${runtime.provider}: ` +
        "both must point at the same database (DIRECT_URL bypasses the pooler for migrations).",
    );
  }
  return { runtime, migrations };
}
