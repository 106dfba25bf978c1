import { describe, expect, it } from "vitest";
import { EnvError, readEnv } from "./env.server";

const VALID = {
  SHOPIFY_API_KEY: "key-123",
  SHOPIFY_API_SECRET: "secret-456",
  SHOPIFY_APP_URL: "https://my-app.example.com",
};

function errorOf(env: Record<string, string | undefined>): EnvError {
  try {
    readEnv(env);
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
});
