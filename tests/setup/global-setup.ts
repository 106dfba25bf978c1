import type { TestProject } from "vitest/node";
import { PROVIDERS, type Provider } from "../../app/db/database-url.server";
import { serviceAvailable } from "../support/databases";
import { generateProviderClients } from "../support/prisma-clients";

declare module "vitest" {
  export interface ProvidedContext {
    /** Which database servers answer; with CI=true a missing one fails here instead. */
    availableProviders: Provider[];
  }
}

export default async function setup(project: TestProject) {
  generateProviderClients();
  const available: Provider[] = [];
  for (const provider of PROVIDERS) {
    if (await serviceAvailable(provider)) available.push(provider);
    else console.warn(`[tests] ${provider} server not reachable: its suites are skipped (CI=true fails instead).`);
  }
  project.provide("availableProviders", available);
}
