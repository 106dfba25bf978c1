/**
 * Every environment variable the app, the worker, the Prisma CLI config, the
 * Vite dev server, the demo and the Admin API simulator read, declared once:
 * its type (zod), default, one-line description and the message that names
 * the fix. No other module reads `process.env`: each consumer calls its reader
 * below, which validates only the variables that consumer needs (so
 * `npm run setup` never asks for the Shopify credentials).
 *
 * `.env.example` and the README's variable table are generated from these
 * declarations: run `npm run env:docs` after changing one.
 */
import { z } from "zod";
import { DEFAULT_SQLITE_PATH } from "./db/database-url.server";
import { SCHEDULER_MODES } from "./scheduler/drivers";

/** An environment: `process.env`, or a record given by a test or a parent process. */
export type Source = Record<string, string | undefined>;

export const GROUPS = {
  shopify: { title: "Shopify app", note: "`shopify app dev` sets these (and PORT) itself." },
  database: {
    title: "Database",
    note: "Read by the app, the worker and `npm run setup`. Run `npm run setup` after changing DATABASE_URL.",
  },
  sessions: { title: "Sessions", note: "" },
  scheduler: { title: "Billing scheduler", note: "" },
  worker: { title: "Worker", note: "`npm run worker`, a pg-boss billing worker on PostgreSQL." },
  email: {
    title: "Email",
    note: "Customer and merchant notifications (app/notifications). Any SMTP provider works: Postmark, SES, Resend, Mailgun, your own server.",
  },
  server: { title: "Server and logging", note: "" },
  hosting: { title: "Hosting platform", note: "Set by the platform: do not set them yourself." },
  demo: {
    title: "Demo",
    note: "`npm run demo` ignores .env (it never talks to a real shop): set these in the shell.",
  },
  simulator: { title: "Admin API simulator", note: "Loaded by the demo and the browser tests." },
} as const;

export interface Declaration {
  group: keyof typeof GROUPS;
  /** One line: what the variable is for. */
  description: string;
  /** The value's type and checks. Values arrive as strings; messages name the fix. */
  schema: z.ZodType;
  /** When set, readers that need the variable refuse to start without it: the fix, shown as "is not set: <fix>". */
  required?: string;
  /** Used when the variable is unset or empty. */
  default?: string;
  /** A default that depends on something else, in words (the reader or its caller applies it). */
  otherwise?: string;
  /** Example values for .env.example and the README (the first one only there). */
  examples?: readonly string[];
}

const wholeNumber = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .refine((value) => /^\d+$/.test(value.trim()) && Number(value) >= min && Number(value) <= max, message)
    .transform(Number);
};
const port = () => wholeNumber(1, 65535);
const flag = () =>
  z.enum(["1", "0", "true", "false"], { error: "must be 1 or 0" }).transform((value) => value === "1" || value === "true");
const filled = (fix: string) => z.string().min(1, `is empty: ${fix}`);
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const POSTGRES_URL = /^postgres(ql)?:\/\//;
const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;
const EMAIL_ADDRESS = /^[^\s@<>()",;]+@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;
export const EMAIL_TRANSPORTS = ["smtp", "log"] as const;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const CLIENT_ID_FIX = "copy client_id from shopify.app.toml or the Partner Dashboard";
const SECRET_FIX = "copy the client secret from the Partner Dashboard (API credentials)";

export const VARIABLES = {
  // --- Shopify app -----------------------------------------------------------
  SHOPIFY_API_KEY: {
    group: "shopify",
    description: "The app's client ID (client_id in shopify.app.toml, or the Partner Dashboard).",
    required: CLIENT_ID_FIX,
    schema: filled(CLIENT_ID_FIX),
  },
  SHOPIFY_API_SECRET: {
    group: "shopify",
    description: "The app's client secret (Partner Dashboard > API credentials).",
    required: SECRET_FIX,
    schema: filled(SECRET_FIX),
  },
  SHOPIFY_APP_URL: {
    group: "shopify",
    description: "The public https URL the app is served from.",
    required: "the public https URL the app is served from",
    schema: z.url({ error: "must be an absolute URL such as https://my-app.example.com" }),
    examples: ["https://my-app.example.com"],
  },
  SCOPES: {
    group: "shopify",
    description: "Access scopes, comma-separated; `shopify app dev` takes them from shopify.app.toml.",
    schema: z.string(),
    examples: [
      "write_products,read_purchase_options,write_purchase_options,read_own_subscription_contracts,write_own_subscription_contracts,read_customer_payment_methods,write_customers,write_orders",
    ],
  },
  SHOP_CUSTOM_DOMAIN: {
    group: "shopify",
    description: "A domain whose shops (`name.<domain>`) are accepted besides myshopify.com.",
    schema: z.string().regex(DOMAIN, "must be a domain name such as shops.example.com (no scheme, no path)"),
    examples: ["shops.example.com"],
  },

  // --- Database --------------------------------------------------------------
  DATABASE_URL: {
    group: "database",
    description: "Picks the provider: file:, libsql://, postgres(ql):// or mysql:// (checked by app/db/database-url.server.ts).",
    schema: z.string(),
    otherwise: `file:${DEFAULT_SQLITE_PATH}`,
    examples: [
      "file:./prisma/dev.sqlite",
      "libsql://my-db-my-org.turso.io",
      "postgresql://user:password@localhost:5432/app?schema=public",
      "mysql://user:password@localhost:3306/app",
    ],
  },
  DIRECT_URL: {
    group: "database",
    description: "Direct (unpooled) URL for migrations when DATABASE_URL goes through a pooler; same provider.",
    schema: z.string(),
    otherwise: "DATABASE_URL",
    examples: ["postgresql://user:password@db.example.com:5432/app"],
  },
  DATABASE_POOL_MAX: {
    group: "database",
    description: "Connections per process for PostgreSQL and MySQL, 1 to 1000.",
    schema: z.string(),
    otherwise: "the URL's connection_limit, else 10 (1 on Vercel, Lambda, Netlify)",
    examples: ["10"],
  },
  TURSO_AUTH_TOKEN: {
    group: "database",
    description: "Auth token for libsql:// URLs (`turso db tokens create <database>`).",
    schema: z.string(),
  },

  // --- Sessions --------------------------------------------------------------
  SESSION_STORAGE: {
    group: "sessions",
    description: "Where OAuth sessions live: prisma (the Session table) or memory (checked by app/db/database.server.ts).",
    schema: z.string(),
    default: "prisma",
  },
  ALLOW_MEMORY_SESSION_STORAGE: {
    group: "sessions",
    description: "Exactly `true` allows SESSION_STORAGE=memory with NODE_ENV=production.",
    schema: z.string(),
  },

  BENCHMARK_ROUTES: {
    group: "server",
    description: "Exactly `true` serves `/benchmark/webhook-floor` (the HMAC check alone), which `npm run test:load` compares the webhook routes with. Never in production.",
    schema: z.string(),
  },

  // --- Billing scheduler -----------------------------------------------------
  BILLING_SCHEDULER: {
    group: "scheduler",
    description: "Who ticks the billing engine: in-process (the web server), cron (the cron route), pg-boss (workers) or off.",
    schema: z.enum(SCHEDULER_MODES, { error: `must be one of ${SCHEDULER_MODES.join(", ")}` }),
    otherwise: "in-process (cron on Vercel)",
  },
  CRON_SECRET: {
    group: "scheduler",
    description: "Bearer secret the cron route requires (16+ characters: `openssl rand -hex 32`); Vercel Cron sends it.",
    schema: z.string().min(16, "must be at least 16 characters: generate one with `openssl rand -hex 32`"),
  },

  // --- Worker ----------------------------------------------------------------
  PGBOSS_DATABASE_URL: {
    group: "worker",
    description: "The PostgreSQL database pg-boss keeps its queue in.",
    schema: z.string().regex(POSTGRES_URL, "must be a postgres:// or postgresql:// URL: pg-boss runs on PostgreSQL"),
    otherwise: "DIRECT_URL, then DATABASE_URL",
  },
  WORKER_CONCURRENCY: {
    group: "worker",
    description: "Charges one worker process works on at once.",
    schema: wholeNumber(1, 100),
    default: "4",
  },

  // --- Email -----------------------------------------------------------------
  EMAIL_TRANSPORT: {
    group: "email",
    description: "smtp sends through SMTP_URL; log writes each email to the log instead (development).",
    schema: z.enum(EMAIL_TRANSPORTS, { error: `must be one of ${EMAIL_TRANSPORTS.join(", ")}` }),
    otherwise: "smtp when SMTP_URL is set, log otherwise",
  },
  SMTP_URL: {
    group: "email",
    description: "The SMTP server, with credentials: smtps://user:password@host:465, or smtp://...:587 for STARTTLS.",
    schema: z.string().regex(/^smtps?:\/\/[^\s/]+/i, "must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com:465"),
    examples: ["smtps://apikey:secret@smtp.example.com:465"],
  },
  EMAIL_FROM: {
    group: "email",
    description: "The address emails are sent from (the shop's name is shown as the sender); one your SMTP provider lets you send from.",
    schema: z.string().regex(EMAIL_ADDRESS, "must be an email address such as notifications@yourdomain.com"),
    otherwise: "required with EMAIL_TRANSPORT=smtp; notifications@example.com for log",
    examples: ["notifications@yourdomain.com"],
  },

  // --- Server and logging ----------------------------------------------------
  NODE_ENV: {
    group: "server",
    description: "Set to production when deploying (SESSION_STORAGE=memory is refused there).",
    schema: z.string(),
    otherwise: "production under `npm start`, development under `npm run dev`",
  },
  PORT: {
    group: "server",
    description: "Port of `npm start` (the production server, server/start.ts) and the Vite dev server.",
    schema: port(),
    default: "3000",
  },
  HOST: {
    group: "server",
    description: "Address `npm start` listens on, e.g. 127.0.0.1 or :: (IPv6, Fly's private network).",
    schema: z.string().regex(/^[\w.:-]{1,253}$/, "must be a host name or an IP address"),
    otherwise: "every IPv4 and IPv6 address",
  },
  LOG_LEVEL: {
    group: "server",
    description: "pino log level.",
    schema: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }),
    default: "info",
  },
  FRONTEND_PORT: {
    group: "server",
    description: "Vite HMR port behind the CLI's tunnel; set by `shopify app dev`.",
    schema: port(),
    default: "8002",
  },

  // --- Hosting platform ------------------------------------------------------
  VERCEL: {
    group: "hosting",
    description: "Set on Vercel: the build adds Vercel's Remix preset, the pool has 1 connection, and BILLING_SCHEDULER defaults to cron.",
    schema: z.string(),
  },
  AWS_LAMBDA_FUNCTION_NAME: {
    group: "hosting",
    description: "Set on AWS Lambda: a pool of 1 connection.",
    schema: z.string(),
  },
  NETLIFY: {
    group: "hosting",
    description: "Set on Netlify: a pool of 1 connection.",
    schema: z.string(),
  },

  // --- Demo ------------------------------------------------------------------
  DEMO_PORT: {
    group: "demo",
    description: "Port of the admin stand-in, the URL you open.",
    schema: port(),
    default: "3000",
  },
  DEMO_APP_PORT: {
    group: "demo",
    description: "Port of the app server behind it.",
    schema: port(),
    otherwise: "DEMO_PORT + 1",
  },
  DEMO_SMTP_PORT: {
    group: "demo",
    description: "Port of the demo's local SMTP server, which the app sends its emails to (shown at /__demo/emails).",
    schema: port(),
    otherwise: "DEMO_PORT + 2",
  },
  DEMO_DATABASE_URL: {
    group: "demo",
    description: "The demo's database (any DATABASE_URL).",
    schema: z.string().min(1),
    default: `file:${DEFAULT_SQLITE_PATH}`,
    examples: ["file:./prisma/demo.sqlite"],
  },
  DEMO_RESET: {
    group: "demo",
    description: "1: start from an empty SQLite file.",
    schema: flag(),
    default: "0",
  },
  DEMO_SKIP_BUILD: {
    group: "demo",
    description: "1: reuse the last `npm run build`.",
    schema: flag(),
    default: "0",
  },

  // --- Admin API simulator ---------------------------------------------------
  SHOPIFY_SIMULATOR_TIMEZONE: {
    group: "simulator",
    description: "The simulated shop's IANA time zone.",
    schema: z.string().refine(isTimeZone, "must be an IANA time zone such as America/Toronto"),
    default: "America/Toronto",
  },
  SHOPIFY_SIMULATOR_JOURNAL: {
    group: "simulator",
    description: "File the simulator appends every Admin API call to (JSON lines).",
    schema: z.string(),
    examples: [".cache/simulator-journal.jsonl"],
  },
  SHOPIFY_SIMULATOR_LATENCY_MS: {
    group: "simulator",
    description: "Delay added to each simulated Admin API answer, in milliseconds.",
    schema: wholeNumber(0, 60_000),
    default: "0",
  },
  SHOPIFY_SIMULATOR_DEMO: {
    group: "simulator",
    description: "1: each simulated shop starts with two selling plan groups on the demo catalogue (the demo sets it).",
    schema: flag(),
    examples: ["1"],
  },
} as const satisfies Record<string, Declaration>;

export type VariableName = keyof typeof VARIABLES;
type Declared<N extends VariableName> = (typeof VARIABLES)[N];
type Value<N extends VariableName> = z.output<Declared<N>["schema"]>;
/** Required and defaulted variables always have a value; the others may be unset. */
type Values<N extends VariableName, Optional extends VariableName = never> = {
  [K in N]: K extends Optional
    ? Value<K> | undefined
    : Declared<K> extends { required: string } | { default: string }
      ? Value<K>
      : Value<K> | undefined;
};

/** What each consumer reads. A test checks that every declared variable is read by one of them. */
export const READERS = {
  app: [
    "SHOPIFY_API_KEY",
    "SHOPIFY_API_SECRET",
    "SHOPIFY_APP_URL",
    "SCOPES",
    "SHOP_CUSTOM_DOMAIN",
    "CRON_SECRET",
    "BILLING_SCHEDULER",
  ],
  cron: ["CRON_SECRET"],
  database: [
    "DATABASE_URL",
    "DIRECT_URL",
    "DATABASE_POOL_MAX",
    "TURSO_AUTH_TOKEN",
    "VERCEL",
    "AWS_LAMBDA_FUNCTION_NAME",
    "NETLIFY",
  ],
  sessions: ["SESSION_STORAGE", "ALLOW_MEMORY_SESSION_STORAGE", "NODE_ENV"],
  scheduler: ["BILLING_SCHEDULER", "VERCEL"],
  logging: ["LOG_LEVEL"],
  benchmark: ["BENCHMARK_ROUTES"],
  email: ["EMAIL_TRANSPORT", "SMTP_URL", "EMAIL_FROM", "SHOPIFY_API_KEY"],
  worker: ["PGBOSS_DATABASE_URL", "WORKER_CONCURRENCY"],
  demo: ["DEMO_PORT", "DEMO_APP_PORT", "DEMO_SMTP_PORT", "DEMO_DATABASE_URL", "DEMO_RESET", "DEMO_SKIP_BUILD"],
  simulator: [
    "SHOPIFY_API_KEY",
    "SHOPIFY_API_SECRET",
    "SCOPES",
    "SHOPIFY_SIMULATOR_TIMEZONE",
    "SHOPIFY_SIMULATOR_JOURNAL",
    "SHOPIFY_SIMULATOR_LATENCY_MS",
    "SHOPIFY_SIMULATOR_DEMO",
  ],
  devServer: ["SHOPIFY_APP_URL", "FRONTEND_PORT", "PORT", "VERCEL"],
  server: ["PORT", "HOST", "SHOPIFY_APP_URL", "SHOP_CUSTOM_DOMAIN"],
} as const satisfies Record<string, readonly VariableName[]>;

export class EnvError extends Error {
  override name = "EnvError";
}

const HEADING = "Invalid environment (see .env.example)";

/**
 * Reads `names` from `env`, or throws one EnvError naming each bad variable
 * and its fix. An empty value means unset (`CRON_SECRET=` in .env), except
 * for a required variable, where it is reported.
 */
function read<N extends VariableName, Optional extends VariableName = never>(
  names: readonly N[],
  env: Source,
  { optional = [], heading = HEADING }: { optional?: readonly Optional[]; heading?: string } = {},
): Values<N, Optional> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of names) {
    const declared: Declaration = VARIABLES[name];
    const required = declared.required !== undefined && !(optional as readonly string[]).includes(name);
    const raw = env[name];
    if (raw === undefined && required) {
      problems.push(`  ${name} is not set: ${declared.required}`);
      continue;
    }
    const value = (raw === "" && !required ? undefined : raw) ?? declared.default;
    if (value === undefined) continue;
    const result = declared.schema.safeParse(value);
    if (result.success) values[name] = result.data;
    else problems.push(...result.error.issues.map((issue) => `  ${name} ${issue.message}`));
  }
  if (problems.length > 0) throw new EnvError(`${heading}:\n${problems.join("\n")}`);
  return values as Values<N, Optional>;
}

export type Env = ReturnType<typeof readEnv>;

/** The web app's Shopify settings, or an error naming each bad variable and its fix. */
export function readEnv(env: Source = process.env) {
  return read(READERS.app, env, {
    heading: "Invalid environment (see .env.example; `shopify app dev` sets these for you)",
  });
}

/** The cron route's secret, read on each request. */
export function readCronEnv(env: Source = process.env) {
  return read(READERS.cron, env);
}

/** For resolveDatabase (app/db/database-url.server.ts): the app, the worker and the Prisma CLI config. */
export function readDatabaseEnv(env: Source = process.env) {
  return read(READERS.database, env);
}

/** For resolveSessionStorageKind (app/db/database.server.ts). */
export function readSessionEnv(env: Source = process.env) {
  return read(READERS.sessions, env);
}

/** app/routes/benchmark.webhook-floor.ts. */
export function readBenchmarkEnv(env: Source = process.env) {
  return read(READERS.benchmark, env);
}

/** For schedulerMode (app/scheduler/drivers.ts). */
export function readSchedulerEnv(env: Source = process.env) {
  return read(READERS.scheduler, env);
}

export function readLogEnv(env: Source = process.env) {
  return read(READERS.logging, env);
}

/** Placeholder sender of logged emails (EMAIL_TRANSPORT=log), which never leave the process. */
export const LOG_EMAIL_FROM = "notifications@example.com";

/**
 * How emails leave (app/notifications/mailer.server.ts): SMTP when SMTP_URL
 * is set, the log otherwise. SMTP needs EMAIL_FROM; asking for SMTP without
 * SMTP_URL is refused rather than quietly logged.
 */
export function readEmailEnv(env: Source = process.env) {
  const values = read(READERS.email, env);
  const transport = values.EMAIL_TRANSPORT ?? (values.SMTP_URL ? "smtp" : "log");
  const problems: string[] = [];
  if (transport === "smtp" && !values.SMTP_URL) problems.push("  SMTP_URL is not set: EMAIL_TRANSPORT=smtp needs your SMTP server's URL (or set EMAIL_TRANSPORT=log)");
  if (transport === "smtp" && !values.EMAIL_FROM) problems.push("  EMAIL_FROM is not set: name an address your SMTP provider lets you send from");
  if (problems.length > 0) throw new EnvError(`${HEADING}:\n${problems.join("\n")}`);
  return { transport, smtpUrl: values.SMTP_URL, from: values.EMAIL_FROM ?? LOG_EMAIL_FROM, apiKey: values.SHOPIFY_API_KEY };
}

/** `npm run worker`; it also reads readDatabaseEnv, which must name PostgreSQL. */
export function readWorkerEnv(env: Source = process.env) {
  return read(READERS.worker, env);
}

export function readDemoEnv(env: Source = process.env) {
  const values = read(READERS.demo, env);
  return { ...values, DEMO_APP_PORT: values.DEMO_APP_PORT ?? values.DEMO_PORT + 1, DEMO_SMTP_PORT: values.DEMO_SMTP_PORT ?? values.DEMO_PORT + 2 };
}

/** simulator/register.ts: the app's own credentials, and the simulated shop. */
export function readSimulatorEnv(env: Source = process.env) {
  return read(READERS.simulator, env, { heading: "simulator/register.ts: invalid environment (see .env.example)" });
}

/** vite.config.ts: SHOPIFY_APP_URL is optional there (`vite build` needs no Shopify app). */
export function readDevServerEnv(env: Source = process.env) {
  return read(READERS.devServer, env, { optional: ["SHOPIFY_APP_URL"] });
}

/** `npm start` (server/start.ts): where to listen. */
export function readServerEnv(env: Source = process.env) {
  // The app itself requires SHOPIFY_APP_URL (and says so when it loads); /healthz does not.
  return read(READERS.server, env, { optional: ["SHOPIFY_APP_URL"] });
}

/** The environment to start a child process with: this process's own, with `overrides`. */
export function childProcessEnv(overrides: Source): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
