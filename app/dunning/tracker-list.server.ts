import type { PrismaClient } from "@prisma/client";
import { formatInZone } from "../billing/schedule";
import { pageCount, TRACKERS_PER_PAGE, type TrackerListParams } from "./tracker-list";
import { statusWhere, trackerStatus, type TrackerStatus } from "./tracker-status";

export interface TrackerRow {
  id: number;
  contractId: string;
  billingCycleIndex: number;
  failureReason: string;
  status: TrackerStatus;
  completedReason: string | null;
  createdAt: Date;
  completedAt: Date | null;
  /** The next retry charge in the shop's time zone, while one is scheduled. */
  nextRetry: string | null;
}

export interface TrackerPage {
  rows: TrackerRow[];
  total: number;
  page: number;
  pageCount: number;
}

/** One page of the shop's trackers, newest first, filtered by status and contract id; times in `timezone`. */
export async function listDunningTrackers(
  prisma: PrismaClient,
  shop: string,
  params: TrackerListParams,
  timezone = "UTC",
): Promise<TrackerPage> {
  const where = {
    shop,
    ...(params.status === "all" ? {} : statusWhere(params.status)),
    ...(params.contract ? { contractId: { contains: params.contract } } : {}),
  };
  const total = await prisma.dunningTracker.count({ where });
  const pages = pageCount(total);
  const page = Math.min(params.page, pages);
  const trackers = await prisma.dunningTracker.findMany({
    where,
    orderBy: { id: "desc" },
    skip: (page - 1) * TRACKERS_PER_PAGE,
    take: TRACKERS_PER_PAGE,
  });
  return {
    rows: trackers.map((tracker) => ({
      id: tracker.id,
      contractId: tracker.contractId,
      billingCycleIndex: tracker.billingCycleIndex,
      failureReason: tracker.failureReason,
      status: trackerStatus(tracker),
      completedReason: tracker.completedReason,
      createdAt: tracker.createdAt,
      completedAt: tracker.completedAt,
      nextRetry: tracker.nextAttemptAt && !tracker.completedAt ? formatInZone(tracker.nextAttemptAt, timezone) : null,
    })),
    total,
    page,
    pageCount: pages,
  };
}

/** How many of the shop's trackers are open, recovered and failed. */
export async function countDunningTrackers(prisma: PrismaClient, shop: string): Promise<Record<TrackerStatus, number>> {
  const [open, recovered, failed] = await Promise.all(
    (["open", "recovered", "failed"] as const).map((status) =>
      prisma.dunningTracker.count({ where: { shop, ...statusWhere(status) } }),
    ),
  );
  return { open, recovered, failed };
}
