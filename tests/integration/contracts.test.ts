/**
 * The contract pages' modules on SQLite and PostgreSQL: what they write
 * locally (ContractActivity rows: who did what, refusals included) and what
 * they read locally (the "In dunning" tab from open DunningTrackers, the
 * contract's history), with Shopify answered by the simulator through the
 * library's client. The routes themselves: tests/app/contracts.test.ts.
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runBulkAction, runContractAction, type ActionContext } from "../../app/contracts/contract-actions.server";
import { editContract } from "../../app/contracts/contract-edit.server";
import { parseListParams } from "../../app/contracts/contract-list";
import { listContracts, loadContract } from "../../app/contracts/contracts.server";
import { startAdminApiSimulator } from "../../simulator/node";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { installShop, testEngineDeps } from "../support/engine";
import { providerCases } from "../support/providers";

const running = startAdminApiSimulator({ apiKey: "key", apiSecret: "secret" });
const { simulator } = running;
afterAll(() => running.close());

const SHOP = "contracts-db.myshopify.com";

describe.each(providerCases().filter(({ provider }) => provider !== "mysql"))("contract pages on $provider", ({ provider, available }) => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let ctx: ActionContext;
  const it_ = it.skipIf(!available);

  beforeAll(async () => {
    if (!available) return;
    db = await createTestDatabase(provider);
    prisma = db.prisma;
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    simulator.reset();
    if (!available) return;
    await installShop(prisma, SHOP);
    ctx = { gateway: await testEngineDeps(prisma).adminFor(SHOP), prisma, shop: SHOP, staffUserId: "77" };
  });
  afterEach(async () => {
    if (!available) return;
    for (const model of ["contractActivity", "dunningTracker", "dunningSettings", "billingSchedule", "session"] as const) {
      await (prisma[model] as { deleteMany(): Promise<unknown> }).deleteMany();
    }
  });

  it_("records each merchant action, succeeded or refused, with the staff member, newest first on the contract page", async () => {
    const contract = simulator.subscriptions.addContract(SHOP);
    expect(await runContractAction(ctx, contract.id, { action: "pause" })).toMatchObject({ ok: true });
    expect(await runContractAction(ctx, contract.id, { action: "pause" })).toMatchObject({ ok: false, status: 409 });
    expect(await runContractAction(ctx, contract.id, { action: "cancel" })).toMatchObject({ ok: true });
    const page = await loadContract(ctx.gateway, prisma, SHOP, contract.id);
    expect(page?.activity.map(({ actor, staffUserId, action, outcome }) => [actor, staffUserId, action, outcome])).toEqual([
      ["merchant", "77", "cancel", "succeeded"],
      ["merchant", "77", "pause", "failed"],
      ["merchant", "77", "pause", "succeeded"],
    ]);
  });

  it_("bulk-cancels with one outcome and one activity row per contract", async () => {
    const contracts = simulator.subscriptions.addContracts(SHOP, ["ACTIVE", "PAUSED", "EXPIRED"]);
    const outcomes = await runBulkAction(ctx, contracts.map((contract) => contract.id), "cancel");
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false]);
    const rows = await prisma.contractActivity.findMany({ where: { shop: SHOP }, orderBy: { contractId: "asc" } });
    expect(rows.map((row) => [row.contractId, row.outcome]).sort()).toEqual(contracts.map((contract, i) => [contract.id, i < 2 ? "succeeded" : "failed"]).sort());
  });

  it_("lists the contracts in dunning from this database's open trackers", async () => {
    const [open, closed] = simulator.subscriptions.addContracts(SHOP, 2);
    await prisma.dunningTracker.create({ data: { shop: SHOP, contractId: open.id, billingCycleIndex: 3, failureReason: "INSUFFICIENT_FUNDS" } });
    await prisma.dunningTracker.create({
      data: { shop: SHOP, contractId: closed.id, billingCycleIndex: 3, failureReason: "INSUFFICIENT_FUNDS", completedAt: new Date(), completedReason: "FINAL_ACTION_CANCEL" },
    });
    const page = await listContracts(ctx.gateway, prisma, SHOP, parseListParams(new URLSearchParams("tab=dunning")));
    expect(page.rows.map((row) => row.id)).toEqual([open.id]);
  });

  it_("records a refused edit and changes nothing on the contract", async () => {
    const contract = simulator.subscriptions.addContract(SHOP, { lines: [{ quantity: 1 }] });
    simulator.failNext("DraftCommit", { kind: "userErrors", userErrors: [{ field: null, message: "stale", code: "STALE_CONTRACT" }] });
    const line = contract.lines[0];
    const result = await editContract(ctx, contract.id, { lines: [{ id: line.id, quantity: 6, price: Number(line.currentPrice).toFixed(2), remove: false }], added: [], interval: "MONTH", intervalCount: 1 });
    expect(result).toMatchObject({ ok: false, status: 422 });
    expect(simulator.subscriptions.contract(contract.id).lines[0].quantity).toBe(1);
    expect(await prisma.contractActivity.findMany({ where: { contractId: contract.id } })).toEqual([expect.objectContaining({ action: "edit", outcome: "failed" })]);
  });
});
