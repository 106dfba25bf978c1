import { setupServer, type SetupServer } from "msw/node";
import { AdminApiSimulator, type AdminApiSimulatorOptions } from "./admin-api";

export interface RunningSimulator {
  simulator: AdminApiSimulator;
  server: SetupServer;
  close(): void;
}

/**
 * Intercepts this process's outgoing HTTP to Shopify. Start it before the app's
 * Shopify modules are imported: `@shopify/shopify-api` keeps a reference to
 * `globalThis.fetch` from the moment its Node adapter loads.
 */
export function startAdminApiSimulator(options: AdminApiSimulatorOptions): RunningSimulator {
  const simulator = new AdminApiSimulator(options);
  const server = setupServer(...simulator.handlers);
  // Requests to anything but Shopify (databases over HTTP, localhost) pass through.
  server.listen({ onUnhandledRequest: "bypass" });
  return { simulator, server, close: () => server.close() };
}
