/**
 * Setup of the unit tier (vitest.unit.config.ts): app/**\/*.test.ts run
 * without databases, the Admin API simulator or the network. A test that opens
 * a connection fails at once, saying so, instead of passing only on machines
 * where a server happens to listen.
 */
import net from "node:net";

net.Socket.prototype.connect = function refuseConnection(): never {
  throw new Error(
    "A unit test (app/**/*.test.ts, npm run test:unit) tried to open a network connection. " +
      "Tests that need a database, the Admin API simulator or the network belong under tests/.",
  );
} as typeof net.Socket.prototype.connect;
