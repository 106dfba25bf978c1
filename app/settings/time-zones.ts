// IANA names: "UTC", or Area/Location with an optional sub-location.
const IANA_NAME = /^(UTC|[A-Z][A-Za-z_-]+(\/[A-Z0-9][A-Za-z0-9_+-]*){1,2})$/;

/**
 * Whether `zone` is an IANA time zone this runtime can compute with. Aliases
 * count (Asia/Kolkata and Asia/Calcutta): Shopify reports modern names while
 * Node's ICU may list the older ones.
 */
export function isValidTimeZone(zone: string): boolean {
  if (!IANA_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zones offered on the Settings page, always including `current`. */
export function timeZoneOptions(current?: string): string[] {
  const zones = new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);
  if (current && isValidTimeZone(current)) zones.add(current);
  return [...zones].sort((a, b) => (a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b)));
}
