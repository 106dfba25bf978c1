import { z } from "zod";
import { completeContractTrackers } from "../dunning/tracker.server";
import { COMPLETED_REASONS } from "../dunning/tracker-status";
import { defineHandler, type WebhookHandler } from "./handler";

/**
 * The payload every subscription_contracts/* topic shares (REST-style snake
 * case, the contract's GID in `admin_graphql_api_id`, `status` in lower case).
 * Only what a handler reads is required; the rest passes through.
 */
const contractPayload = z.looseObject({
  admin_graphql_api_id: z.string().regex(/^gid:\/\/shopify\/SubscriptionContract\/\d+$/),
  status: z.string().min(1),
  revision_id: z.union([z.string(), z.number()]).nullish(),
});
type ContractPayload = z.infer<typeof contractPayload>;

/**
 * The contract ended (cancelled by the merchant, the customer or the dunning
 * engine's final action, or expired after its last cycle): no cycle of it will
 * be charged again, so its open trackers complete at once instead of waiting
 * for their next retry to find out from Shopify.
 */
function contractEnded(topic: string, reason: string) {
  return defineHandler({
    topic,
    payload: contractPayload,
    async handle(payload, { shop, tx, log }) {
      const contractId = payload.admin_graphql_api_id;
      const { count } = await completeContractTrackers(tx, { shop, contractId }, reason, new Date());
      log("subscription contract ended", { shop, contractId, status: payload.status, completedTrackers: count });
    },
  });
}

/**
 * Topics the app accepts and records (ProcessedWebhook) without acting on
 * them yet. Dunning state must not change on these: a paused contract's due
 * retry is refused by Shopify with CONTRACT_PAUSED and completes then (or goes
 * ahead if the contract was activated again meanwhile), and a `failed`
 * contract can be activated again, so neither ends dunning here. A contracts
 * page will store these contracts (see the README's "Webhooks" section).
 */
function contractRecorded(topic: string) {
  return defineHandler({
    topic,
    payload: contractPayload,
    handle(payload: ContractPayload, { shop, log }) {
      log("subscription contract webhook", { shop, topic, contractId: payload.admin_graphql_api_id, status: payload.status });
      return Promise.resolve();
    },
  });
}

/** subscription_contracts/cancel: completes the contract's open trackers as CONTRACT_CANCELLED. */
export const contractCancel = contractEnded("SUBSCRIPTION_CONTRACTS_CANCEL", COMPLETED_REASONS.CONTRACT_CANCELLED);
/** subscription_contracts/expire: completes the contract's open trackers as CONTRACT_EXPIRED. */
export const contractExpire = contractEnded("SUBSCRIPTION_CONTRACTS_EXPIRE", COMPLETED_REASONS.CONTRACT_EXPIRED);
/** subscription_contracts/create */
export const contractCreate = contractRecorded("SUBSCRIPTION_CONTRACTS_CREATE");
/** subscription_contracts/update */
export const contractUpdate = contractRecorded("SUBSCRIPTION_CONTRACTS_UPDATE");
/** subscription_contracts/activate */
export const contractActivate = contractRecorded("SUBSCRIPTION_CONTRACTS_ACTIVATE");
/** subscription_contracts/pause */
export const contractPause = contractRecorded("SUBSCRIPTION_CONTRACTS_PAUSE");
/** subscription_contracts/fail */
export const contractFail = contractRecorded("SUBSCRIPTION_CONTRACTS_FAIL");

/** Every subscription_contracts/* topic, served by one route. */
export const subscriptionContractHandlers: ReadonlyArray<WebhookHandler<ContractPayload>> = [
  contractCreate,
  contractUpdate,
  contractActivate,
  contractPause,
  contractCancel,
  contractFail,
  contractExpire,
];
