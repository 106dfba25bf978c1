import { inject } from "vitest";
import { PROVIDERS, type Provider } from "../../app/db/database-url.server";

/** Every provider, each with whether its server is up (see tests/setup/global-setup.ts). */
export function providerCases(): { provider: Provider; available: boolean }[] {
  const available = new Set(inject("availableProviders"));
  return PROVIDERS.map((provider) => ({ provider, available: available.has(provider) }));
}
