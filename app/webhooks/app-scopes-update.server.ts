import { z } from "zod";
import { defineHandler } from "./handler";

/** app/scopes_update: keeps the stored scope in step with what the merchant granted. */
export const appScopesUpdate = defineHandler({
  topic: "APP_SCOPES_UPDATE",
  payload: z.looseObject({ current: z.array(z.string()) }),
  async handle(payload, { shop, tx }) {
    await tx.session.updateMany({ where: { shop }, data: { scope: payload.current.join(",") } });
  },
});
