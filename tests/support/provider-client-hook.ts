/**
 * `node --import ./tests/support/provider-client-hook.ts ...`: the process's
 * `@prisma/client` loads the generated client of PRISMA_TEST_PROVIDER
 * (node_modules/.cache/prisma-clients/<provider>, tests/support/prisma-clients.ts)
 * instead of node_modules/.prisma/client, which `npm install` generates for
 * one provider. It is how the production build runs on PostgreSQL in the
 * tests without touching node_modules (the Docker image links the client
 * instead: Dockerfile).
 */
import { registerHooks } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const provider = process.env.PRISMA_TEST_PROVIDER;
if (provider) {
  const dir = path.resolve("node_modules/.cache/prisma-clients", provider);
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const match = /^\.prisma\/client(?:\/(.*))?$/.exec(specifier);
      if (!match) return nextResolve(specifier, context);
      const file = path.join(dir, match[1] ? (match[1].endsWith(".js") ? match[1] : `${match[1]}.js`) : "index.js");
      return { url: pathToFileURL(file).href, shortCircuit: true, format: "commonjs" };
    },
  });
}
