import { describe, expect, it } from "vitest";
import { schedulerMode } from "./drivers";

describe("schedulerMode", () => {
  it("ticks in-process by default, and leaves it to the cron route on Vercel", () => {
    expect(schedulerMode({})).toBe("in-process");
    expect(schedulerMode({ VERCEL: "1" })).toBe("cron");
  });

  it("follows BILLING_SCHEDULER", () => {
    for (const mode of ["in-process", "cron", "pg-boss", "off"]) expect(schedulerMode({ BILLING_SCHEDULER: mode, VERCEL: "1" })).toBe(mode);
  });

  it("refuses anything else, naming the choices", () => {
    expect(() => schedulerMode({ BILLING_SCHEDULER: "hourly" })).toThrow(/in-process, cron, pg-boss, off/);
  });
});
