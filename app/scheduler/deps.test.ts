import { describe, expect, it } from "vitest";
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { AdminApiError } from "../shopify/admin-gateway.server";
import { DEFAULT_ENGINE_OPTIONS, isPermanent, runBounded } from "./deps";

describe("isPermanent", () => {
  it.each([
    [new AdminApiError("x", "Op", "userErrors", []), true],
    [new AdminApiError("x", "Op", "failed", null), true],
    [new SessionNotFoundError("no session"), true],
    [new AdminApiError("x", "Op", "throttled", null), false],
    [new AdminApiError("x", "Op", "server", 503), false],
    [new AdminApiError("x", "Op", "network", null), false],
    [new Error("ECONNRESET"), false],
  ])("%s -> %s", (error, permanent) => expect(isPermanent(error)).toBe(permanent));
});

describe("retry delays", () => {
  it("double from a minute up to an hour", () => {
    expect([1, 2, 3, 7, 20].map(DEFAULT_ENGINE_OPTIONS.retryDelayMs)).toEqual([60_000, 120_000, 240_000, 3_600_000, 3_600_000]);
  });
});

describe("runBounded", () => {
  it("keeps results in order and never runs more than the limit at once", async () => {
    let active = 0;
    let peak = 0;
    const tasks = Array.from({ length: 20 }, (_, i) => async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
      active--;
      return i;
    });
    expect(await runBounded(tasks, 3)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBe(3);
  });

  it("handles no tasks", async () => {
    expect(await runBounded([], 4)).toEqual([]);
  });
});
