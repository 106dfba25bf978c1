/**
 * fly.toml (PostgreSQL: web machines + pg-boss worker) and fly.sqlite.toml
 * (SQLite on a volume, one machine) checked against what the server, the
 * build, the worker and the image's default command actually do, so neither
 * drifts from them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "toml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { resolveDatabase } from "../../app/db/database-url.server";
import { VARIABLES, type Declaration } from "../../app/env.server";
import { schedulerMode } from "../../app/scheduler/drivers";
import { DEFAULT_PORT, HEALTH_PATH, SHUTDOWN_SIGNALS, SHUTDOWN_TIMEOUT_MS } from "../../server/lifecycle";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** The part of Fly's schema these files use (fly.io/docs/reference/configuration). */
const FlyConfig = z.object({
  kill_signal: z.string(),
  kill_timeout: z.union([z.number(), z.string()]),
  deploy: z.object({ release_command: z.string().optional() }).optional(),
  env: z.record(z.string(), z.string()).default({}),
  // Without [processes], Fly runs one group, "app", with the image's CMD.
  processes: z.record(z.string(), z.string()).optional(),
  mounts: z.object({ source: z.string(), destination: z.string() }).optional(),
  http_service: z.object({
    processes: z.array(z.string()),
    internal_port: z.number(),
    force_https: z.boolean(),
    auto_stop_machines: z.union([z.enum(["off", "stop", "suspend"]), z.boolean()]),
    auto_start_machines: z.boolean(),
    min_machines_running: z.number(),
    checks: z.array(
      z.object({ method: z.string(), path: z.string(), grace_period: z.string(), interval: z.string(), timeout: z.string() }),
    ),
  }),
  restart: z.array(z.object({ policy: z.string(), processes: z.array(z.string()).optional() })).default([]),
});
type FlyConfig = z.infer<typeof FlyConfig>;

const load = (file: string): FlyConfig => FlyConfig.parse(parse(read(file)));

/** The Dockerfile's CMD (exec form), as one command line. */
function imageCommand(): string {
  const joined = read("Dockerfile").replace(/\\\r?\n/g, "");
  const found = [...joined.matchAll(/^CMD\s+(\[.*\])\s*$/gm)].at(-1)?.[1];
  if (!found) throw new Error("Dockerfile: no CMD in exec form");
  return (JSON.parse(found) as string[]).join(" ");
}

/** What each process group of `config` runs. */
function commands(config: FlyConfig): Record<string, string> {
  return config.processes ?? { app: imageCommand() };
}

/** Fly durations: a number of seconds, or "40s", "1m", "500ms". In milliseconds. */
function milliseconds(value: number | string): number {
  if (typeof value === "number") return value * 1000;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  if (!match) throw new Error(`not a Fly duration: "${value}"`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as "ms" | "s" | "m" | "h"];
}

/** Every --outfile of `npm run build` and the scripts it runs (package.json). */
function buildOutputs(): Set<string> {
  const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
  const outputs = new Set<string>();
  const visit = (name: string, seen: Set<string>) => {
    const script = scripts[name];
    if (script === undefined || seen.has(name)) return;
    seen.add(name);
    for (const [, file] of script.matchAll(/--outfile[= ](\S+)/g)) outputs.add(path.posix.normalize(file));
    for (const [, called] of script.matchAll(/\bnpm run (\S+)/g)) visit(called, seen);
  };
  visit("build", new Set());
  return outputs;
}

/** The script `node` runs in a process command, e.g. build/start.js. */
function nodeEntry(command: string): string | undefined {
  return /\bnode\s+(?:--\S+\s+)*([\w./-]+\.js)\b/.exec(command)?.[1];
}

/** worker/run.ts gives pg-boss this long to finish its jobs after a signal. */
function workerStopTimeoutMs(): number {
  const found = /boss\.stop\(\{[^}]*\btimeout:\s*([\d_]+)/.exec(read("worker/run.ts"))?.[1];
  if (!found) throw new Error("worker/run.ts: no boss.stop({ timeout }) found; update workerStopTimeoutMs() here");
  return Number(found.replaceAll("_", ""));
}

const FILES = ["fly.toml", "fly.sqlite.toml"] as const;

describe.each(FILES)("%s agrees with the server", (file) => {
  const config = load(file);
  const service = config.http_service;

  it("serves the server's port, over HTTPS only", () => {
    expect(service.internal_port).toBe(DEFAULT_PORT);
    if (config.env.PORT !== undefined) expect(Number(config.env.PORT)).toBe(DEFAULT_PORT);
    expect(service.force_https).toBe(true);
  });

  it("checks the server's health path", () => {
    expect(service.checks.length).toBeGreaterThan(0);
    for (const check of service.checks) {
      expect(check.path).toBe(HEALTH_PATH);
      expect(check.method.toUpperCase()).toBe("GET");
      expect(milliseconds(check.timeout)).toBeLessThan(milliseconds(check.interval));
    }
  });

  it("stops machines with a signal the server handles, after its shutdown timeout", () => {
    expect(SHUTDOWN_SIGNALS as readonly string[]).toContain(config.kill_signal);
    expect(milliseconds(config.kill_timeout)).toBeGreaterThan(SHUTDOWN_TIMEOUT_MS);
    if (commands(config).worker) expect(milliseconds(config.kill_timeout)).toBeGreaterThan(workerStopTimeoutMs());
  });

  it("routes HTTP to the app process, which runs the built server", () => {
    expect(service.processes).toEqual(["app"]);
    expect(nodeEntry(commands(config).app ?? "")).toBe("build/start.js");
  });

  it("runs only files the build produces, as the process that gets the signal", () => {
    const outputs = buildOutputs();
    for (const [name, command] of Object.entries(commands(config))) {
      const entry = nodeEntry(command);
      expect(entry, `[processes] ${name} runs no node script`).toBeDefined();
      expect([...outputs], `[processes] ${name}: npm run build does not write ${entry}`).toContain(entry);
      // Under `sh -c`, the shell would get Fly's signal and node never would.
      if (/^\s*(\S*\/)?(ba)?sh\s+-c\b/.test(command)) expect(command, `[processes] ${name}`).toMatch(/\bexec\s+node\b/);
    }
  });

  it("keeps a machine running, and never stops one that ticks billing", () => {
    expect(service.min_machines_running).toBeGreaterThanOrEqual(1);
    if (schedulerMode(config.env) === "in-process") expect([false, "off"]).toContain(service.auto_stop_machines);
  });

  it("sets only declared variables, to valid values", () => {
    for (const [name, value] of Object.entries(config.env)) {
      expect(VARIABLES, `${name} is not declared in app/env.server.ts`).toHaveProperty(name);
      const declared: Declaration = VARIABLES[name as keyof typeof VARIABLES];
      const result = declared.schema.safeParse(value);
      expect(result.success, `${name}="${value}": ${result.error?.message}`).toBe(true);
    }
    expect(() => schedulerMode(config.env)).not.toThrow();
    expect(() => resolveDatabase(config.env)).not.toThrow();
    expect(config.env.SESSION_STORAGE ?? "prisma").toBe("prisma");
  });
});

describe("fly.toml (PostgreSQL)", () => {
  const config = load("fly.toml");

  it("migrates once per deploy, in the release command", () => {
    expect(config.deploy?.release_command).toMatch(/\bprisma migrate deploy\b/);
    expect(config.mounts).toBeUndefined();
  });

  it("ticks billing on a pg-boss worker that runs the built worker and is always restarted", () => {
    expect(schedulerMode(config.env)).toBe("pg-boss");
    expect(nodeEntry(config.processes?.worker ?? "")).toBe("build/worker/run.js");
    const policy = config.restart.find((restart) => restart.processes?.includes("worker"))?.policy;
    expect(policy).toBe("always");
  });

  it("does not migrate again when the web machines start", () => {
    expect(config.processes?.app, "without [processes] app, the image's CMD would migrate on every start").toBeDefined();
    for (const command of Object.values(config.processes ?? {})) expect(command).not.toMatch(/\bmigrate\b/);
  });
});

describe("fly.sqlite.toml (SQLite on a volume)", () => {
  const config = load("fly.sqlite.toml");

  it("keeps the database on the volume", () => {
    expect(config.mounts?.destination).toBe("/data");
    const database = resolveDatabase(config.env).runtime;
    expect(database.provider).toBe("sqlite");
    expect(config.env.DATABASE_URL).toMatch(new RegExp(`^file:${config.mounts?.destination}/`));
  });

  it("migrates at start, since the release machine has no volume", () => {
    expect(config.deploy?.release_command).toBeUndefined();
    const command = commands(config).app ?? "";
    if (!config.processes) expect(config.env.MIGRATE_ON_START ?? "true").not.toMatch(/^(0|false|no|off)$/i);
    const migrate = command.search(/\bprisma migrate deploy\b/);
    expect(migrate).toBeGreaterThanOrEqual(0);
    expect(migrate).toBeLessThan(command.search(/\bnode build\/start\.js\b/));
  });

  it("runs one always-on machine that ticks billing itself", () => {
    expect(Object.keys(commands(config))).toEqual(["app"]);
    expect(schedulerMode(config.env)).toBe("in-process");
    expect([false, "off"]).toContain(config.http_service.auto_stop_machines);
    expect(config.restart.find((restart) => restart.processes?.includes("app"))?.policy).toBe("always");
  });
});
