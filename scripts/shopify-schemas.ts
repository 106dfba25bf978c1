/**
 * `npm run graphql:schemas`: writes Shopify's Admin and Customer Account API
 * schemas for the app's API version (app/shopify/api-version.ts) as SDL into
 * app/shopify/schema/. They come from the introspection files that Shopify
 * publishes on the npm registry in @shopify/dev-mcp (dist/data/*.json.gz),
 * taken out of its tarball: the package itself is not installed (it pulls in
 * React Router, Hydrogen and the Shopify CLI). Run it when API_VERSION changes,
 * then `npm run graphql:codegen`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, printSchema, type IntrospectionQuery } from "graphql";
import { SCHEMA_FILES, SCHEMA_PACKAGE } from "../graphql.config";

const scratch = mkdtempSync(path.join(tmpdir(), "shopify-schemas-"));
try {
  execFileSync("npm", ["pack", SCHEMA_PACKAGE, "--silent", "--pack-destination", scratch], { stdio: ["ignore", "ignore", "inherit"] });
  const tarball = readdirSync(scratch).find((file) => file.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack ${SCHEMA_PACKAGE} produced no tarball`);
  execFileSync("tar", ["-xzf", path.join(scratch, tarball), "-C", scratch]);
  for (const [api, { introspection, sdl }] of Object.entries(SCHEMA_FILES)) {
    const json = JSON.parse(gunzipSync(readFileSync(path.join(scratch, "package", introspection))).toString("utf8"));
    const schema = buildClientSchema((json.data ?? json) as IntrospectionQuery);
    writeFileSync(sdl, `${printSchema(schema)}\n`);
    console.log(`${api}: ${sdl} (from ${SCHEMA_PACKAGE} ${introspection})`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
