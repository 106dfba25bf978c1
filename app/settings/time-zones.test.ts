import { describe, expect, it } from "vitest";
import { isValidTimeZone, timeZoneOptions } from "./time-zones";

describe("isValidTimeZone", () => {
  it.each(["UTC", "Europe/Paris", "Asia/Kathmandu", "Asia/Kolkata", "Australia/Adelaide", "America/Argentina/Buenos_Aires", "Etc/GMT+5"])(
    "accepts %s",
    (zone) => expect(isValidTimeZone(zone)).toBe(true),
  );

  it.each(["", "utc", "europe/paris", "Mars/Olympus_Mons", "+05:45", "Europe/Paris; DROP TABLE", "Local"])("rejects %j", (zone) =>
    expect(isValidTimeZone(zone)).toBe(false),
  );
});

describe("timeZoneOptions", () => {
  it("starts with UTC, lists the runtime's zones and only valid ones", () => {
    const zones = timeZoneOptions();
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("Europe/Paris");
    expect(zones.length).toBeGreaterThan(300);
    expect(zones.filter((zone) => !isValidTimeZone(zone))).toEqual([]);
  });

  it("includes the shop's current zone even when the runtime lists it under another name", () => {
    expect(timeZoneOptions("Asia/Kathmandu")).toContain("Asia/Kathmandu");
    expect(timeZoneOptions("Nowhere/Else")).not.toContain("Nowhere/Else");
  });
});
