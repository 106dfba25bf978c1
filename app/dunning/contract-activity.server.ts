import type { Prisma, PrismaClient } from "@prisma/client";
import type { FinalAction } from "../settings/final-actions";

/**
 * One ContractActivity row: what happened to a contract and who did it. The
 * lifecycle webhooks write them as "shopify" (action = the topic), the dunning
 * engine as "dunning" (its final actions and reactivations), the contract
 * pages as "merchant" (app/contracts). Shopify stays the
 * source of truth for the contract itself; these rows are its history in the
 * app (docs/decisions/012-contract-activity-and-order-tags.md).
 */
export interface ContractActivityEntry {
  shop: string;
  contractId: string;
  actor: "merchant" | "dunning" | "shopify";
  /** The Shopify staff member (session token `sub`) behind a merchant action. */
  staffUserId?: string | null;
  action: string;
  /** "skipped": the action was decided against (e.g. a reactivation the shop's settings turn off). */
  outcome: "succeeded" | "failed" | "skipped";
  detail?: string | null;
}

/** Actions that make a contract active again, whoever took them: the lifecycle webhook, or a resume in the app. */
export const ACTIVATION_ACTIONS: readonly string[] = ["subscription_contracts/activate", "resume"];

export async function recordContractActivity(
  db: Pick<Prisma.TransactionClient, "contractActivity">,
  entry: ContractActivityEntry,
): Promise<void> {
  await db.contractActivity.create({ data: { ...entry, detail: entry.detail?.slice(0, 2000) ?? null } });
}

/**
 * Whether the contract was made active again (a resume in the app, or
 * Shopify's activate webhook) after the dunning engine last paused it: then a
 * pause it is in now is someone else's. Rows of one table in insertion
 * order (id), so no clocks are compared.
 */
export async function activatedSinceDunningPause(prisma: PrismaClient, shop: string, contractId: string): Promise<boolean> {
  const pause: FinalAction = "pause";
  const latest = await prisma.contractActivity.findFirst({
    where: {
      shop,
      contractId,
      outcome: "succeeded",
      OR: [{ actor: "dunning", action: pause }, { action: { in: [...ACTIVATION_ACTIONS] } }],
    },
    orderBy: { id: "desc" },
    select: { action: true },
  });
  return latest !== null && ACTIVATION_ACTIONS.includes(latest.action);
}
