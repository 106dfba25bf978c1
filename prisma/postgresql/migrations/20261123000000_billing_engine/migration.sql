-- DropIndex
DROP INDEX "DunningTracker_completedAt_idx";

-- AlterTable
ALTER TABLE "BillingSchedule" ADD COLUMN     "claimToken" TEXT,
ADD COLUMN     "claimedUntil" TIMESTAMP(3),
ADD COLUMN     "lastRunError" TEXT,
ADD COLUMN     "lastRunOutcome" TEXT;

-- AlterTable
ALTER TABLE "DunningTracker" ADD COLUMN     "claimToken" TEXT,
ADD COLUMN     "claimedUntil" TIMESTAMP(3),
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "BillingAttemptEvent" ADD COLUMN     "claimToken" TEXT,
ADD COLUMN     "claimedUntil" TIMESTAMP(3),
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "tries" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "BillingRun" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "scheduledFor" TIMESTAMP(3) NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "jobId" TEXT,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BillingRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BillingRun_shop_startedAt_idx" ON "BillingRun"("shop", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BillingRun_shop_scheduledFor_key" ON "BillingRun"("shop", "scheduledFor");

-- CreateIndex
CREATE INDEX "DunningTracker_completedAt_nextAttemptAt_idx" ON "DunningTracker"("completedAt", "nextAttemptAt");

