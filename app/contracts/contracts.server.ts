/**
 * The contract pages' reads: a page of contracts from Shopify (filtered,
 * searched, paged with Shopify's cursors) and one contract with its cycles
 * and local history. Shopify is the source of truth; locally the app keeps
 * only activity and dunning trackers.
 */
import type { PrismaClient } from "@prisma/client";
import type { AdminGateway, OperationResult } from "../shopify/admin-gateway.server";
import { contractHistory, contractsInDunning } from "./activity.server";
import { linesSummary, sumAmounts } from "./contract-display";
import { contractsQuery, CONTRACTS_PER_PAGE, MAX_IDS_PER_QUERY, SORTS, type ListParams } from "./contract-list";
import { CONTRACT_BILLING_CYCLES_QUERY } from "./graphql/ContractBillingCyclesQuery";
import { CONTRACT_DETAIL_QUERY } from "./graphql/ContractDetailQuery";
import { CONTRACT_LIST_QUERY } from "./graphql/ContractListQuery";
import { CUSTOMER_CONTRACT_IDS_QUERY } from "./graphql/CustomerContractIdsQuery";

export interface ContractRow {
  id: string;
  status: string;
  customer: string;
  products: string;
  price: string;
  currencyCode: string;
  delivery: { interval: string; intervalCount: number };
  nextBillingDate: string | null;
  paymentFailed: boolean;
}

const EMPTY_PAGE = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };

/** The contract ids of customers whose name or email matches (Shopify's contract search has no customer term). */
async function customerContractIds(gateway: AdminGateway, search: string): Promise<string[]> {
  // Quoted, so the merchant's text is one search term whatever it contains.
  const data = await gateway.request(CUSTOMER_CONTRACT_IDS_QUERY, { query: `"${search.replace(/["\\]/g, " ")}"` });
  return data.customers.nodes.flatMap((customer) => customer.subscriptionContracts.nodes.map((contract) => contract.id));
}

export async function listContracts(gateway: AdminGateway, prisma: PrismaClient, shop: string, params: ListParams) {
  let ids: string[] | undefined;
  if (params.tab === "dunning") ids = await contractsInDunning(prisma, shop, MAX_IDS_PER_QUERY);
  if (params.search) {
    const found = await customerContractIds(gateway, params.search);
    ids = ids ? ids.filter((id) => found.includes(id)) : found;
  }
  const query = contractsQuery(params.tab, ids);
  if (query === null) return { rows: [] as ContractRow[], pageInfo: EMPTY_PAGE };

  const sort = SORTS.find((candidate) => candidate.id === params.sort) ?? SORTS[0];
  const page = params.before ? { last: CONTRACTS_PER_PAGE, before: params.before } : { first: CONTRACTS_PER_PAGE, after: params.after };
  const data = await gateway.request(CONTRACT_LIST_QUERY, { ...page, query: query || null, sortKey: sort.sortKey, reverse: sort.reverse });
  const rows: ContractRow[] = data.subscriptionContracts.nodes.map((contract) => ({
    id: contract.id,
    status: contract.status,
    customer: contract.customer?.displayName ?? "Customer removed",
    products: linesSummary(contract.lines.nodes, contract.linesCount?.count ?? contract.lines.nodes.length),
    price: sumAmounts(contract.lines.nodes.map((line) => line.lineDiscountedPrice.amount)),
    currencyCode: contract.currencyCode,
    delivery: contract.deliveryPolicy,
    nextBillingDate: contract.nextBillingDate ?? null,
    paymentFailed: contract.lastPaymentStatus === "FAILED",
  }));
  return { rows, pageInfo: data.subscriptionContracts.pageInfo };
}

export type ContractDetail = NonNullable<OperationResult<typeof CONTRACT_DETAIL_QUERY>["subscriptionContract"]>;

const DAY_MS = 24 * 3600 * 1000;
const INTERVAL_DAYS: Record<string, number> = { DAY: 1, WEEK: 7, MONTH: 31, YEAR: 366 };

/** The next six cycles' window: from now to six billing intervals ahead (at most two years, Shopify's range limit aside). */
export function upcomingWindow(now: Date, policy: { interval: string; intervalCount: number }) {
  const days = Math.min((INTERVAL_DAYS[policy.interval] ?? 31) * policy.intervalCount * 6, 730);
  return { startDate: now.toISOString(), endDate: new Date(now.getTime() + days * DAY_MS).toISOString() };
}

/** One of the app's contracts for its page, or null when Shopify has none by that id for this shop. */
export async function loadContract(gateway: AdminGateway, prisma: PrismaClient, shop: string, id: string, now = new Date()) {
  const data = await gateway.request(CONTRACT_DETAIL_QUERY, { id });
  const contract = data.subscriptionContract;
  if (!contract) return null;
  const terminated = contract.status === "CANCELLED" || contract.status === "EXPIRED";
  const cycles = terminated
    ? []
    : (await gateway.request(CONTRACT_BILLING_CYCLES_QUERY, { contractId: id, ...upcomingWindow(now, contract.billingPolicy) })).subscriptionBillingCycles.nodes;
  const history = await contractHistory(prisma, shop, id);
  return {
    contract,
    cycles,
    subtotal: sumAmounts(contract.lines.nodes.map((line) => line.lineDiscountedPrice.amount)),
    ...history,
  };
}
