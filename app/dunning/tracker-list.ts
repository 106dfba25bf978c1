import { TRACKER_STATUSES, type TrackerStatus } from "./tracker-status";

export const TRACKERS_PER_PAGE = 20;

export interface TrackerListParams {
  status: TrackerStatus | "all";
  /** Part of a contract id, e.g. "1234" for gid://shopify/SubscriptionContract/1234. */
  contract: string;
  page: number;
}

/** The Dunning page's filters from its URL; anything unrecognised falls back to the default. */
export function parseTrackerListParams(search: URLSearchParams): TrackerListParams {
  const status = search.get("status");
  const page = Number(search.get("page"));
  return {
    status: (TRACKER_STATUSES as readonly string[]).includes(status ?? "") ? (status as TrackerStatus) : "all",
    contract: (search.get("contract") ?? "").trim().slice(0, 100),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

export function pageCount(total: number, perPage = TRACKERS_PER_PAGE): number {
  return Math.max(1, Math.ceil(total / perPage));
}
