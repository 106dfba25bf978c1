import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { readDevServerEnv } from "./app/env.server";

const env = readDevServerEnv();

// On Vercel (the CLI and Vercel's build set VERCEL=1), Vercel's Remix preset
// records the routes and server bundles its builder turns into functions.
// Loaded only there, so `npm run build` (Docker, the demo, the tests) builds
// exactly as before and never loads @vercel/remix. See docs/deployment.md#vercel.
const presets = env.VERCEL ? [(await import("@vercel/remix/vite")).vercelPreset()] : [];

// `shopify app dev` serves the app behind a tunnel and passes its address as
// SHOPIFY_APP_URL; HMR has to connect back through the same host.
const appUrl = new URL(env.SHOPIFY_APP_URL ?? "http://localhost");
const hmr =
  appUrl.hostname === "localhost"
    ? { protocol: "ws", host: "localhost", port: 64999, clientPort: 64999 }
    : { protocol: "wss", host: appUrl.hostname, port: env.FRONTEND_PORT, clientPort: 443 };

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: {
    allowedHosts: [appUrl.hostname],
    cors: { preflightContinue: true },
    port: env.PORT,
    hmr,
    fs: { allow: ["app", "node_modules"] },
  },
  plugins: [
    remix({
      ignoredRouteFiles: ["**/.*", "**/*.test.*"],
      presets,
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
      },
    }),
    tsconfigPaths(),
  ],
  build: { assetsInlineLimit: 0, target: "es2022" },
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris"] },
});
