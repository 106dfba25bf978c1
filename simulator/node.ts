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
  return {
    simulator,
    server,
    close() {
      server.close();
      assertNoFaults(simulator);
    },
  };
}

/** Every answer was executed against Shopify's schema; one that broke it is a bug in the simulator. */
export function assertNoFaults(simulator: AdminApiSimulator): void {
  if (simulator.faults.length === 0) return;
  const lines = simulator.faults.map((fault) => `  ${fault.operationName}: ${fault.message}${fault.path ? ` at ${fault.path.join(".")}` : ""}`);
  throw new Error(`The Admin API simulator answered against the schema:\n${lines.join("\n")}`);
}
