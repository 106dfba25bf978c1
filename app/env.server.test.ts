import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_EXAMPLE_PATH, README_PATH, TABLE_END, TABLE_START, renderEnvExample, renderEnvTable } from "../scripts/env-docs";
import {
  EnvError,
  READERS,
  VARIABLES,
  childProcessEnv,
  readCronEnv,
  readDatabaseEnv,
  readDemoEnv,
  readDevServerEnv,
  readEmailEnv,
  LOG_EMAIL_FROM,
  readEnv,
  readLogEnv,
  readSessionEnv,
  readSimulatorEnv,
  readWorkerEnv,
  type Declaration,
} from "./env.server";

const VALID = {
  SHOPIFY_API_KEY: "key-123",
  SHOPIFY_API_SECRET: "secret-456",
  SHOPIFY_APP_URL: "https://my-app.example.com",
};

function errorOf(env: Record<string, string | undefined>, reader: (env: Record<string, string | undefined>) => unknown = readEnv): EnvError {
  try {
    reader(env);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error(`expected readEnv to throw for ${JSON.stringify(env)}`);
}

/** The error line that names `variable`. */
function lineFor(error: Error, variable: string): string {
  const line = error.message.split("\n").find((l) => l.trim().startsWith(`${variable} `));
  expect(line, `no line for ${variable} in:\n${error.message}`).toBeDefined();
  return line!;
}

describe("readEnv", () => {
  it("returns a valid environment", () => {
    expect(readEnv({ ...VALID, SCOPES: "read_customers", SHOP_CUSTOM_DOMAIN: "shop.example.com" })).toEqual({
      ...VALID,
      SCOPES: "read_customers",
      SHOP_CUSTOM_DOMAIN: "shop.example.com",
    });
  });

  it("does not need the optional variables", () => {
    expect(readEnv(VALID)).toEqual(VALID);
  });

  it("does not return unrelated variables", () => {
    expect(readEnv({ ...VALID, DATABASE_URL: "file:x.sqlite" })).not.toHaveProperty("DATABASE_URL");
  });

  it.each([
    ["SHOPIFY_API_KEY", /client_id/],
    ["SHOPIFY_API_SECRET", /client secret from the Partner Dashboard/],
    ["SHOPIFY_APP_URL", /public https URL/],
  ] as const)("names %s and its fix when it is missing", (variable, fix) => {
    const error = errorOf({ ...VALID, [variable]: undefined });
    const line = lineFor(error, variable);
    expect(line).toContain("is not set");
    expect(line).toMatch(fix);
    for (const other of Object.keys(VALID).filter((v) => v !== variable)) {
      expect(error.message).not.toContain(other);
    }
  });

  it.each([
    ["SHOPIFY_API_KEY", /is empty: copy client_id/],
    ["SHOPIFY_API_SECRET", /is empty: copy the client secret/],
  ] as const)("names %s and its fix when it is empty", (variable, fix) => {
    expect(lineFor(errorOf({ ...VALID, [variable]: "" }), variable)).toMatch(fix);
  });

  it("names all three variables in one error when all are missing", () => {
    const error = errorOf({});
    for (const variable of Object.keys(VALID)) {
      expect(lineFor(error, variable)).toContain("is not set");
    }
    expect(error.message).toContain(".env.example");
  });

  it.each(["localhost", "my-app.example.com", ""])("rejects SHOPIFY_APP_URL=%j, naming it", (value) => {
    const line = lineFor(errorOf({ ...VALID, SHOPIFY_APP_URL: value }), "SHOPIFY_APP_URL");
    expect(line).toContain("must be an absolute URL");
  });

  it("reads process.env by default", () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, VALID);
      expect(readEnv()).toMatchObject(VALID);
    } finally {
      for (const key of Object.keys(VALID)) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });

  it("accepts a CRON_SECRET of 16 characters or more, and treats an empty one as unset", () => {
    expect(readEnv({ ...VALID, CRON_SECRET: "x".repeat(16) }).CRON_SECRET).toBe("x".repeat(16));
    expect(readEnv({ ...VALID, CRON_SECRET: "" }).CRON_SECRET).toBeUndefined();
  });

  it("names CRON_SECRET and how to make one when it is too short", () => {
    expect(lineFor(errorOf({ ...VALID, CRON_SECRET: "short" }), "CRON_SECRET")).toContain("openssl rand -hex 32");
  });

  it("names BILLING_SCHEDULER and its choices when it is unknown", () => {
    expect(readEnv({ ...VALID, BILLING_SCHEDULER: "pg-boss" }).BILLING_SCHEDULER).toBe("pg-boss");
    expect(lineFor(errorOf({ ...VALID, BILLING_SCHEDULER: "hourly" }), "BILLING_SCHEDULER")).toContain("in-process, cron, pg-boss, off");
  });

  it("accepts a SHOP_CUSTOM_DOMAIN domain name, and names the fix for a URL", () => {
    expect(readEnv({ ...VALID, SHOP_CUSTOM_DOMAIN: "" }).SHOP_CUSTOM_DOMAIN).toBeUndefined();
    expect(lineFor(errorOf({ ...VALID, SHOP_CUSTOM_DOMAIN: "https://shops.example.com" }), "SHOP_CUSTOM_DOMAIN")).toContain(
      "must be a domain name such as shops.example.com",
    );
  });

  it("treats an empty SCOPES as unset", () => {
    expect(readEnv({ ...VALID, SCOPES: "" }).SCOPES).toBeUndefined();
  });
});

describe("the other readers", () => {
  it("read the database variables without the Shopify ones (npm run setup has none)", () => {
    expect(readDatabaseEnv({ DATABASE_URL: "file:x.sqlite", DATABASE_POOL_MAX: "", VERCEL: "1", SHOPIFY_API_KEY: "k" })).toEqual({
      DATABASE_URL: "file:x.sqlite",
      VERCEL: "1",
    });
    expect(readDatabaseEnv({})).toEqual({});
  });

  it("read the cron secret alone", () => {
    expect(readCronEnv({ CRON_SECRET: "x".repeat(16) })).toEqual({ CRON_SECRET: "x".repeat(16) });
    expect(readCronEnv({})).toEqual({});
    expect(lineFor(errorOf({ CRON_SECRET: "short" }, readCronEnv), "CRON_SECRET")).toContain("openssl rand -hex 32");
  });

  it("default SESSION_STORAGE to prisma and LOG_LEVEL to info", () => {
    expect(readSessionEnv({})).toEqual({ SESSION_STORAGE: "prisma" });
    expect(readSessionEnv({ SESSION_STORAGE: "memory", NODE_ENV: "production" })).toEqual({ SESSION_STORAGE: "memory", NODE_ENV: "production" });
    expect(readLogEnv({})).toEqual({ LOG_LEVEL: "info" });
    expect(readLogEnv({ LOG_LEVEL: "silent" })).toEqual({ LOG_LEVEL: "silent" });
    expect(lineFor(errorOf({ LOG_LEVEL: "verbose" }, readLogEnv), "LOG_LEVEL")).toContain("trace, silent");
  });

  it("read the worker's settings, naming the fix for bad ones", () => {
    expect(readWorkerEnv({})).toEqual({ WORKER_CONCURRENCY: 4 });
    expect(readWorkerEnv({ WORKER_CONCURRENCY: "12", PGBOSS_DATABASE_URL: "postgres://db/queue" })).toEqual({
      WORKER_CONCURRENCY: 12,
      PGBOSS_DATABASE_URL: "postgres://db/queue",
    });
    const error = errorOf({ WORKER_CONCURRENCY: "many", PGBOSS_DATABASE_URL: "mysql://db/queue" }, readWorkerEnv);
    expect(lineFor(error, "WORKER_CONCURRENCY")).toContain("must be a whole number from 1 to 100");
    expect(lineFor(error, "PGBOSS_DATABASE_URL")).toContain("pg-boss runs on PostgreSQL");
  });

  it.each(["0", "-1", "2.5", "101", " "])("rejects WORKER_CONCURRENCY=%j", (value) => {
    expect(lineFor(errorOf({ WORKER_CONCURRENCY: value }, readWorkerEnv), "WORKER_CONCURRENCY")).toContain("whole number");
  });

  it("read how emails leave: the log without SMTP_URL, SMTP with it", () => {
    const key = { SHOPIFY_API_KEY: "key" };
    expect(readEmailEnv(key)).toEqual({ transport: "log", smtpUrl: undefined, from: LOG_EMAIL_FROM, apiKey: "key" });
    expect(readEmailEnv({ ...key, SMTP_URL: "smtps://u:p@smtp.example.com:465", EMAIL_FROM: "hi@shop.example" })).toEqual({
      transport: "smtp",
      smtpUrl: "smtps://u:p@smtp.example.com:465",
      from: "hi@shop.example",
      apiKey: "key",
    });
    expect(readEmailEnv({ ...key, SMTP_URL: "smtp://127.0.0.1:2525", EMAIL_FROM: "hi@shop.example", EMAIL_TRANSPORT: "log" })).toMatchObject({ transport: "log" });
  });

  it.each([
    [{ EMAIL_TRANSPORT: "smtp" }, "SMTP_URL is not set: EMAIL_TRANSPORT=smtp needs your SMTP server's URL (or set EMAIL_TRANSPORT=log)"],
    [{ SMTP_URL: "smtp://127.0.0.1:2525" }, "EMAIL_FROM is not set: name an address your SMTP provider lets you send from"],
    [{ SMTP_URL: "https://smtp.example.com", EMAIL_FROM: "hi@shop.example" }, "SMTP_URL must be an smtp:// or smtps:// URL"],
    [{ SMTP_URL: "smtp://127.0.0.1:2525", EMAIL_FROM: "Shop <hi@shop.example>" }, "EMAIL_FROM must be an email address"],
    [{ EMAIL_TRANSPORT: "sendmail" }, "EMAIL_TRANSPORT must be one of smtp, log"],
  ])("refuses an email setup that cannot send: %o", (env, message) => {
    expect(() => readEmailEnv({ SHOPIFY_API_KEY: "key", ...env })).toThrow(message);
  });

  it("read the demo's ports, database and flags, with their defaults", () => {
    expect(readDemoEnv({})).toEqual({
      DEMO_PORT: 3000,
      DEMO_APP_PORT: 3001,
      DEMO_SMTP_PORT: 3002,
      DEMO_DATABASE_URL: "file:prisma/dev.sqlite",
      DEMO_RESET: false,
      DEMO_SKIP_BUILD: false,
    });
    expect(readDemoEnv({ DEMO_PORT: "3210", DEMO_RESET: "1", DEMO_SKIP_BUILD: "true" })).toMatchObject({
      DEMO_PORT: 3210,
      DEMO_APP_PORT: 3211,
      DEMO_SMTP_PORT: 3212,
      DEMO_RESET: true,
      DEMO_SKIP_BUILD: true,
    });
    expect(readDemoEnv({ DEMO_APP_PORT: "4000", DEMO_SKIP_BUILD: "0" })).toMatchObject({ DEMO_APP_PORT: 4000, DEMO_SKIP_BUILD: false });
    const error = errorOf({ DEMO_PORT: "http", DEMO_RESET: "yes" }, readDemoEnv);
    expect(lineFor(error, "DEMO_PORT")).toContain("must be a whole number from 1 to 65535");
    expect(lineFor(error, "DEMO_RESET")).toContain("must be 1 or 0");
  });

  it("read the simulator's settings, which need the app's credentials", () => {
    expect(readSimulatorEnv({ SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_SIMULATOR_LATENCY_MS: "5" })).toEqual({
      SHOPIFY_API_KEY: "k",
      SHOPIFY_API_SECRET: "s",
      SHOPIFY_SIMULATOR_TIMEZONE: "America/Toronto",
      SHOPIFY_SIMULATOR_LATENCY_MS: 5,
    });
    const error = errorOf({ SHOPIFY_SIMULATOR_TIMEZONE: "Mars/Olympus" }, readSimulatorEnv);
    expect(lineFor(error, "SHOPIFY_API_KEY")).toContain("is not set");
    expect(lineFor(error, "SHOPIFY_API_SECRET")).toContain("is not set");
    expect(lineFor(error, "SHOPIFY_SIMULATOR_TIMEZONE")).toContain("IANA time zone");
  });

  it("read the dev server's settings, where SHOPIFY_APP_URL is optional (vite build)", () => {
    expect(readDevServerEnv({})).toEqual({ FRONTEND_PORT: 8002, PORT: 3000 });
    expect(readDevServerEnv({ SHOPIFY_APP_URL: "https://tunnel.example.com", PORT: "4000" })).toEqual({
      SHOPIFY_APP_URL: "https://tunnel.example.com",
      FRONTEND_PORT: 8002,
      PORT: 4000,
    });
    expect(lineFor(errorOf({ SHOPIFY_APP_URL: "tunnel" }, readDevServerEnv), "SHOPIFY_APP_URL")).toContain("must be an absolute URL");
  });

  it("hand a child process this process's environment with the overrides", () => {
    const env = childProcessEnv({ DATABASE_URL: "file:child.sqlite" });
    expect(env.DATABASE_URL).toBe("file:child.sqlite");
    expect(env.PATH).toBe(process.env.PATH);
  });
});

describe("the declarations", () => {
  const declared = Object.entries(VARIABLES) as Array<[string, Declaration]>;

  it("are each read by some reader", () => {
    const read = new Set<string>(Object.values(READERS).flat());
    expect(declared.map(([name]) => name).filter((name) => !read.has(name))).toEqual([]);
  });

  it.each(declared)("%s: its default and examples pass its own schema", (_name, declaration) => {
    for (const value of [declaration.default, ...(declaration.examples ?? [])]) {
      if (value !== undefined) expect(declaration.schema.safeParse(value).success, value).toBe(true);
    }
    expect(declaration.default !== undefined && declaration.otherwise !== undefined).toBe(false);
    expect(declaration.description).toMatch(/^\S.*[.)]$/);
  });
});

const ROOT = path.resolve(import.meta.dirname, "..");

/** The modules that must read the environment through app/env.server.ts. */
function sourceFiles(): string[] {
  const tree = (dir: string) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" }).map((file) => path.join(dir, file));
  return [
    ...tree("app"),
    ...tree("worker"),
    ...tree("server"),
    ...tree("demo"),
    ...readdirSync(path.join(ROOT, "prisma")).map((file) => path.join("prisma", file)),
    "simulator/register.ts",
    "prisma.config.ts",
    "vite.config.ts",
  ].filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));
}

const READS_PROCESS_ENV = /\bprocess\s*(\.\s*env\b|\[\s*["'`]env["'`]\s*\])|\benv\b[^;=]*\}\s*=\s*process\b|from\s+["'](node:)?process["']/;

describe("environment access", () => {
  const files = sourceFiles();

  it("finds the sources to check", () => {
    expect(files).toEqual(expect.arrayContaining(["app/env.server.ts", "app/db/client.server.ts", "worker/run.ts", "server/start.ts", "demo/run.ts", "vite.config.ts"]));
  });

  it("goes through app/env.server.ts: no other module reads process.env", () => {
    const offenders = files
      .filter((file) => file !== path.join("app", "env.server.ts"))
      .flatMap((file) =>
        readFileSync(path.join(ROOT, file), "utf8")
          .split("\n")
          .flatMap((line, index) => (READS_PROCESS_ENV.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders, "read these through a reader in app/env.server.ts").toEqual([]);
  });

  it("names only declared variables", () => {
    const names = new Set<string>();
    for (const file of files) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      // env.DATABASE_URL, databaseEnv.DIRECT_URL, ...
      for (const [, name] of text.matchAll(/\b[A-Za-z_]*[eE]nv\??\.([A-Z][A-Z0-9_]+)\b/g)) names.add(name);
      // const { DEMO_PORT: port, ... } = readDemoEnv();
      for (const [, list] of text.matchAll(/\{([^{}]*)\}\s*=\s*read\w*Env\(/g)) {
        for (const entry of list.split(",")) if (entry.trim()) names.add(entry.split(":")[0].trim());
      }
    }
    expect(names.size).toBeGreaterThan(10);
    expect([...names].filter((name) => !(name in VARIABLES))).toEqual([]);
  });
});

describe("generated documentation", () => {
  it(".env.example is what the declarations generate (run `npm run env:docs`)", () => {
    expect(readFileSync(ENV_EXAMPLE_PATH, "utf8")).toBe(renderEnvExample());
  });

  it("the README's variable table is what the declarations generate (run `npm run env:docs`)", () => {
    const readme = readFileSync(README_PATH, "utf8");
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    expect(start, `README.md has no ${TABLE_START} marker`).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(readme.slice(start + TABLE_START.length, end)).toBe(`\n${renderEnvTable()}\n`);
  });

  it(".env.example lists every declared variable, required ones uncommented", () => {
    const example = renderEnvExample();
    for (const [name, declaration] of Object.entries(VARIABLES) as Array<[string, Declaration]>) {
      const line = declaration.required ? `\n${name}=\n` : `\n# ${name}=`;
      expect(example).toContain(line);
    }
  });
});
