/**
 * How the production server (server/start.ts) lives and stops. Deploy
 * configuration (fly.toml, the Dockerfile's HEALTHCHECK) must agree with
 * these; tests/deploy checks that it does.
 */

/** Answered by the server itself, before the app is loaded: 200 once the database answers and is migrated. */
export const HEALTH_PATH = "/healthz";

/** Either stops the server gracefully: Fly sends SIGINT by default, Docker and Kubernetes SIGTERM, a terminal Ctrl-C SIGINT. */
export const SHUTDOWN_SIGNALS = ["SIGTERM", "SIGINT"] as const;

/**
 * How long in-flight requests and a running billing tick get to finish after
 * a shutdown signal before connections are cut. A platform's grace period
 * (Fly's kill_timeout, `docker stop -t`) must be longer.
 */
export const SHUTDOWN_TIMEOUT_MS = 20_000;

/** The port when PORT is unset (app/env.server.ts declares the default). */
export const DEFAULT_PORT = 3000;
