/**
 * The Dockerfile and .dockerignore, checked without building (no container
 * engine needed): the image agrees with the server (server/lifecycle.ts,
 * package.json's build), and the shell lines it runs at every start pick the
 * Prisma client and honour MIGRATE_ON_START as documented. Building and
 * running the image is `npm run test:docker` (tests/deploy/docker.ts).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROVIDERS, resolveDatabase } from "../../app/db/database-url.server";
import { HEALTH_PATH } from "../../server/lifecycle";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** Instructions of the Dockerfile, continuation lines joined, comments dropped. */
function instructions(): Array<{ keyword: string; args: string }> {
  const joined = read("Dockerfile")
    .split("\n")
    .filter((line) => !/^\s*#/.test(line))
    .join("\n")
    .replace(/\\\n/g, "");
  return joined
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => {
      const [, keyword, args] = /^\s*(\w+)\s+(.*)$/.exec(line) ?? [];
      return { keyword: keyword.toUpperCase(), args };
    });
}

/** The instructions of the last stage (the image). */
function runtimeStage() {
  const all = instructions();
  const from = all.map((instruction) => instruction.keyword).lastIndexOf("FROM");
  return all.slice(from);
}

function execForm(keyword: string): string[] {
  const found = runtimeStage().find((instruction) => instruction.keyword === keyword);
  if (!found) throw new Error(`the image has no ${keyword}`);
  return JSON.parse(found.args) as string[];
}

const work = mkdtempSync(path.join(tmpdir(), "dockerfile-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs an exec-form ENTRYPOINT/CMD (`/bin/sh -c SCRIPT NAME ARGS...`) in `cwd` with `env`. */
function runShell(form: string[], args: string[], cwd: string, env: Record<string, string>) {
  const [shell, flag, script, ...rest] = form;
  expect([shell, flag]).toEqual(["/bin/sh", "-c"]);
  const result = spawnSync("sh", ["-c", script, ...rest, ...args], {
    cwd,
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the image", () => {
  it("builds on Node 24 slim and runs as the unprivileged node user", () => {
    const bases = instructions()
      .filter((instruction) => instruction.keyword === "FROM")
      .map((instruction) => instruction.args.split(/\s+/)[0]);
    expect(bases[0]).toBe("node:24-bookworm-slim");
    const users = runtimeStage().filter((instruction) => instruction.keyword === "USER");
    expect(users.at(-1)?.args.trim()).toBe("node");
  });

  it("checks the server's health path", () => {
    const healthcheck = runtimeStage().find((instruction) => instruction.keyword === "HEALTHCHECK");
    expect(healthcheck?.args).toContain(`'${HEALTH_PATH}'`);
  });

  it("starts the built server as the process that gets the signals", () => {
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    const server = /\bnode\s+(?:--\S+\s+)*(\S+\.js)/.exec(scripts.start)?.[1];
    expect(server).toBe("build/start.js");
    expect(scripts["build:server"]).toContain(`--outfile=${server}`);
    const [, , script] = execForm("CMD");
    expect(script.trim()).toMatch(new RegExp(`exec node ${server}$`));
    const [, , entrypoint] = execForm("ENTRYPOINT");
    expect(entrypoint.trim()).toMatch(/exec "\$@"$/);
  });

  it("generates a Prisma client for every provider at build time", () => {
    const generate = instructions().find((instruction) => /prisma generate/.test(instruction.args));
    for (const provider of PROVIDERS) expect(generate?.args).toContain(provider);
  });
});

describe("the entrypoint", () => {
  const entrypoint = execForm("ENTRYPOINT");
  const app = path.join(work, "entrypoint");
  mkdirSync(path.join(app, "node_modules/.prisma"), { recursive: true });

  it.each([
    undefined,
    "",
    "file:/data/app.sqlite",
    "file:./prisma/dev.sqlite",
    "libsql://my-db-org.turso.io",
    "postgresql://user:secret@db.example.com:5432/app?schema=public",
    "postgres://user@localhost/app",
    " POSTGRESQL://user@localhost/app",
    "mysql://root@localhost:3306/app",
    "mariadb://root@localhost:3306/app",
  ])("links the client of the provider the app resolves for DATABASE_URL=%s, then runs the command", (url) => {
    const env: Record<string, string> = url === undefined ? {} : { DATABASE_URL: url };
    const expected = resolveDatabase({ ...env, TURSO_AUTH_TOKEN: "token" }, app).runtime.provider;
    const { status, output } = runShell(entrypoint, ["echo", "command ran"], app, env);
    expect(output).toBe("command ran\n");
    expect(status).toBe(0);
    expect(readlinkSync(path.join(app, "node_modules/.prisma/client"))).toBe(`client-${expected}`);
  });
});

describe("the default command", () => {
  const command = execForm("CMD");
  const app = path.join(work, "command");
  const bin = path.join(work, "bin");
  const log = path.join(work, "calls.log");
  // Stand-ins for the Prisma CLI and node that record how they were called.
  for (const [file, body] of [
    [path.join(app, "node_modules/.bin/prisma"), `echo "prisma $*" >> "${log}"; exit "\${PRISMA_EXIT:-0}"`],
    [path.join(bin, "node"), `echo "node $*" >> "${log}"`],
  ]) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
  }
  const run = (env: Record<string, string>) => {
    writeFileSync(log, "");
    const result = runShell(command, [], app, { ...env, PATH: `${bin}:${process.env.PATH}` });
    return { status: result.status, calls: readFileSync(log, "utf8").trim().split("\n") };
  };

  it.each<Record<string, string>>([{}, { MIGRATE_ON_START: "true" }, { MIGRATE_ON_START: "1" }])("migrates, then serves (%o)", (env) => {
    expect(run(env)).toEqual({ status: 0, calls: ["prisma migrate deploy", "node build/start.js"] });
  });

  it.each(["false", "0", "no", "off", "FALSE"])("serves without migrating when MIGRATE_ON_START=%s", (value) => {
    expect(run({ MIGRATE_ON_START: value })).toEqual({ status: 0, calls: ["node build/start.js"] });
  });

  it("does not serve when the migration fails", () => {
    const result = run({ PRISMA_EXIT: "1" });
    expect(result.status).not.toBe(0);
    expect(result.calls).toEqual(["prisma migrate deploy"]);
  });
});

describe(".dockerignore", () => {
  const patterns = read(".dockerignore")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));

  it.each([".env", ".env.*", ".npmrc", "node_modules", "build", ".git", "**/*.sqlite", "test-results", "coverage", ".cache"])(
    "keeps %s out of the build context",
    (pattern) => {
      expect(patterns).toContain(pattern);
    },
  );
});
