import { describe, expect, it } from "vitest";
import { parseSettingsForm } from "./settings-form";

function form(overrides: Record<string, string | null> = {}): FormData {
  const fields: Record<string, string | null> = {
    hour: "10",
    timezone: "Europe/Paris",
    active: "on",
    retryAttempts: "3",
    daysBetweenRetryAttempts: "7",
    onFailure: "cancel",
    inventoryRetryAttempts: "5",
    inventoryDaysBetweenRetryAttempts: "1",
    inventoryOnFailure: "skip",
    ...overrides,
  };
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== null) data.set(name, value);
  return data;
}

describe("parseSettingsForm", () => {
  it("turns a valid form into typed settings", () => {
    expect(parseSettingsForm(form())).toEqual({
      ok: true,
      settings: {
        hour: 10,
        timezone: "Europe/Paris",
        active: true,
        retryAttempts: 3,
        daysBetweenRetryAttempts: 7,
        onFailure: "cancel",
        inventoryRetryAttempts: 5,
        inventoryDaysBetweenRetryAttempts: 1,
        inventoryOnFailure: "skip",
        reactivateAfterRecovery: false,
      },
    });
  });

  it("reads an unchecked box as inactive", () => {
    expect(parseSettingsForm(form({ active: null }))).toMatchObject({ ok: true, settings: { active: false } });
  });

  it.each([
    ["checked (Polaris posts its value)", "true", true],
    ["checked (a plain checkbox posts on)", "on", true],
    ["unchecked (nothing posted)", null, false],
    ["anything else", "yes", false],
  ])("reads the reactivation box %s", (_case, value, expected) => {
    expect(parseSettingsForm(form({ reactivateAfterRecovery: value }))).toMatchObject({ ok: true, settings: { reactivateAfterRecovery: expected } });
  });

  it("keeps the reactivation box apart from the billing one", () => {
    expect(parseSettingsForm(form({ active: null, reactivateAfterRecovery: "true" }))).toMatchObject({
      ok: true,
      settings: { active: false, reactivateAfterRecovery: true },
    });
  });

  it.each([
    ["hour", "24", "Billing hour must be a whole number from 0 to 23"],
    ["hour", "-1", "Billing hour must be a whole number from 0 to 23"],
    ["retryAttempts", "11", "Retry attempts must be a whole number from 0 to 10"],
    ["retryAttempts", "2.5", "Retry attempts must be a whole number from 0 to 10"],
    ["retryAttempts", "", "Retry attempts must be a whole number from 0 to 10"],
    ["retryAttempts", "three", "Retry attempts must be a whole number from 0 to 10"],
    ["daysBetweenRetryAttempts", "0", "Days between retries must be a whole number from 1 to 14"],
    ["daysBetweenRetryAttempts", "15", "Days between retries must be a whole number from 1 to 14"],
    ["inventoryRetryAttempts", "11", "Inventory retry attempts must be a whole number from 0 to 10"],
    ["inventoryDaysBetweenRetryAttempts", "0", "Days between inventory retries must be a whole number from 1 to 14"],
    ["onFailure", "refund", "Choose cancel, pause or skip"],
    ["inventoryOnFailure", "", "Choose cancel, pause or skip"],
    ["timezone", "Mars/Olympus_Mons", "Choose a time zone from the list"],
    ["timezone", "", "Choose a time zone from the list"],
  ])("rejects %s = %j at that field", (field, value, message) => {
    expect(parseSettingsForm(form({ [field]: value }))).toEqual({ ok: false, fieldErrors: { [field]: message } });
  });

  it("accepts the bounds", () => {
    const result = parseSettingsForm(
      form({ hour: "0", retryAttempts: "0", daysBetweenRetryAttempts: "14", inventoryRetryAttempts: "10", inventoryDaysBetweenRetryAttempts: "1" }),
    );
    expect(result.ok).toBe(true);
  });

  it("reports every bad field at once", () => {
    const result = parseSettingsForm(form({ hour: "99", onFailure: "x", retryAttempts: "-3" }));
    expect(result.ok).toBe(false);
    expect(Object.keys(!result.ok ? result.fieldErrors : {}).sort()).toEqual(["hour", "onFailure", "retryAttempts"]);
  });
});
