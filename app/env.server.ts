import { z } from "zod";
import { SCHEDULER_MODES } from "./scheduler/drivers";

// An empty value (`CRON_SECRET=` in .env) means unset.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const schema = z.object({
  SHOPIFY_API_KEY: z
    .string({ error: "is not set: copy client_id from shopify.app.toml or the Partner Dashboard" })
    .min(1, "is empty: copy client_id from shopify.app.toml or the Partner Dashboard"),
  SHOPIFY_API_SECRET: z
    .string({ error: "is not set: copy the client secret from the Partner Dashboard (API credentials)" })
    .min(1, "is empty: copy the client secret from the Partner Dashboard (API credentials)"),
  SHOPIFY_APP_URL: z
    .string({ error: "is not set: the public https URL the app is served from" })
    .url("must be an absolute URL such as https://my-app.example.com"),
  SCOPES: z.string().optional(),
  CRON_SECRET: optional(z.string().min(16, "must be at least 16 characters: generate one with `openssl rand -hex 32`")),
  BILLING_SCHEDULER: optional(z.enum(SCHEDULER_MODES, { error: `must be one of ${SCHEDULER_MODES.join(", ")}` })),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** The app's Shopify settings from the environment, or an error naming each bad variable and its fix. */
export function readEnv(env: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")} ${issue.message}`);
  throw new EnvError(
    `Invalid environment (see .env.example; \`shopify app dev\` sets these for you):\n${lines.join("\n")}`,
  );
}
