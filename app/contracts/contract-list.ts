/**
 * The contracts table's filters, as Shopify search queries. Pure, and safe
 * in the browser (the page builds its tab links from TABS).
 */
export const TABS = [
  { id: "all", label: "All" },
  { id: "active", label: "Active" },
  { id: "paused", label: "Paused" },
  { id: "cancelled", label: "Cancelled" },
  { id: "failed", label: "Failed" },
  { id: "dunning", label: "In dunning" },
] as const;
export type Tab = (typeof TABS)[number]["id"];

export const SORTS = [
  { id: "newest", label: "Newest first", sortKey: "CREATED_AT", reverse: true },
  { id: "oldest", label: "Oldest first", sortKey: "CREATED_AT", reverse: false },
  { id: "updated", label: "Recently updated", sortKey: "UPDATED_AT", reverse: true },
] as const;
export type Sort = (typeof SORTS)[number]["id"];

export const CONTRACTS_PER_PAGE = 25;
/** Shopify's search takes a bounded query; more ids than this are listed by the newest trackers. */
export const MAX_IDS_PER_QUERY = 50;

export interface ListParams {
  tab: Tab;
  sort: Sort;
  search: string;
  after: string | null;
  before: string | null;
}

/** The list's URL parameters, each falling back to its default when absent or unknown. */
export function parseListParams(search: URLSearchParams): ListParams {
  const tab = TABS.find((candidate) => candidate.id === search.get("tab"))?.id ?? "all";
  const sort = SORTS.find((candidate) => candidate.id === search.get("sort"))?.id ?? "newest";
  return {
    tab,
    sort,
    search: (search.get("q") ?? "").trim().slice(0, 100),
    after: search.get("after") || null,
    before: search.get("before") || null,
  };
}

/** `id:1 OR id:2`: Shopify's search by contract id takes the numeric id. */
export function idsQuery(gids: readonly string[]): string {
  return gids
    .slice(0, MAX_IDS_PER_QUERY)
    .map((gid) => `id:${gid.slice(gid.lastIndexOf("/") + 1)}`)
    .join(" OR ");
}

/**
 * The `query` argument for a tab, or null when the tab can match nothing
 * (the dunning tab without open trackers). `ids` restricts to those contracts
 * (the dunning tab's, or a customer search's).
 */
export function contractsQuery(tab: Tab, ids?: readonly string[]): string | null {
  const status: Record<Tab, string | null> = {
    all: null,
    active: "status:ACTIVE",
    paused: "status:PAUSED",
    cancelled: "status:CANCELLED OR status:EXPIRED",
    failed: "status:FAILED",
    dunning: null,
  };
  if (ids && ids.length === 0) return null;
  const parts = [status[tab], ids ? idsQuery(ids) : null].filter((part): part is string => Boolean(part));
  if (parts.length === 0) return "";
  return parts.length === 1 ? parts[0] : parts.map((part) => `(${part})`).join(" AND ");
}

/** The list URL with some parameters changed; paging cursors are dropped unless given. */
export function listUrl(params: ListParams, change: Partial<ListParams>): string {
  const next = { ...params, after: null, before: null, ...change };
  const search = new URLSearchParams();
  if (next.tab !== "all") search.set("tab", next.tab);
  if (next.sort !== "newest") search.set("sort", next.sort);
  if (next.search) search.set("q", next.search);
  if (next.after) search.set("after", next.after);
  if (next.before) search.set("before", next.before);
  const query = search.toString();
  return query ? `/app/contracts?${query}` : "/app/contracts";
}
