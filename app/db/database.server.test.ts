import { describe, expect, it } from "vitest";
import { SessionStorageConfigError, resolveSessionStorageKind } from "./database.server";

function errorOf(env: Record<string, string | undefined>): SessionStorageConfigError {
  try {
    resolveSessionStorageKind(env);
  } catch (error) {
    expect(error).toBeInstanceOf(SessionStorageConfigError);
    return error as SessionStorageConfigError;
  }
  throw new Error(`expected resolveSessionStorageKind to throw for ${JSON.stringify(env)}`);
}

describe("resolveSessionStorageKind", () => {
  it("defaults to prisma", () => {
    expect(resolveSessionStorageKind({})).toBe("prisma");
  });

  it.each(["", "   "])("treats SESSION_STORAGE=%j as the prisma default", (value) => {
    expect(resolveSessionStorageKind({ SESSION_STORAGE: value })).toBe("prisma");
  });

  it("reads prisma and memory", () => {
    expect(resolveSessionStorageKind({ SESSION_STORAGE: "prisma" })).toBe("prisma");
    expect(resolveSessionStorageKind({ SESSION_STORAGE: "memory" })).toBe("memory");
  });

  it.each([
    ["MEMORY", "memory"],
    [" Memory\n", "memory"],
    ["  PRISMA ", "prisma"],
  ])("tolerates case and whitespace in %j", (value, kind) => {
    expect(resolveSessionStorageKind({ SESSION_STORAGE: value })).toBe(kind);
  });

  it.each(["redis", "sqlite", "memory-storage"])("rejects SESSION_STORAGE=%s, naming the variable", (value) => {
    const error = errorOf({ SESSION_STORAGE: value });
    expect(error.message).toContain("SESSION_STORAGE");
    expect(error.message).toContain(`"${value}"`);
  });

  it("refuses memory storage in production, explaining why and how to allow it", () => {
    const error = errorOf({ SESSION_STORAGE: "memory", NODE_ENV: "production" });
    expect(error.message).toMatch(/sessions would be lost on every restart/);
    expect(error.message).toContain("ALLOW_MEMORY_SESSION_STORAGE");
  });

  it.each(["false", "1", "TRUE", ""])("is not persuaded by ALLOW_MEMORY_SESSION_STORAGE=%j", (value) => {
    errorOf({ SESSION_STORAGE: "memory", NODE_ENV: "production", ALLOW_MEMORY_SESSION_STORAGE: value });
  });

  it("allows memory storage in production with ALLOW_MEMORY_SESSION_STORAGE=true", () => {
    expect(
      resolveSessionStorageKind({
        SESSION_STORAGE: "memory",
        NODE_ENV: "production",
        ALLOW_MEMORY_SESSION_STORAGE: "true",
      }),
    ).toBe("memory");
  });

  it("allows memory storage outside production", () => {
    expect(resolveSessionStorageKind({ SESSION_STORAGE: "memory", NODE_ENV: "development" })).toBe("memory");
    expect(resolveSessionStorageKind({ SESSION_STORAGE: "memory", NODE_ENV: "test" })).toBe("memory");
  });

  it("accepts prisma in production", () => {
    expect(resolveSessionStorageKind({ NODE_ENV: "production" })).toBe("prisma");
    expect(resolveSessionStorageKind({ SESSION_STORAGE: "prisma", NODE_ENV: "production" })).toBe("prisma");
  });
});
