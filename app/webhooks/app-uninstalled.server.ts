import { z } from "zod";
import { defineHandler } from "./handler";

/** app/uninstalled: deletes the shop's sessions; the schedule stays (inactive) so a reinstall keeps the merchant's settings. */
export const appUninstalled = defineHandler({
  topic: "APP_UNINSTALLED",
  payload: z.looseObject({}),
  endsShopSessions: true,
  async handle(_payload, { shop, tx }) {
    await tx.session.deleteMany({ where: { shop } });
    await tx.billingSchedule.updateMany({ where: { shop }, data: { active: false } });
  },
});
