-- DropIndex
DROP INDEX "DunningTracker_completedAt_idx";

-- AlterTable
ALTER TABLE "BillingSchedule" ADD COLUMN "claimToken" TEXT;
ALTER TABLE "BillingSchedule" ADD COLUMN "claimedUntil" DATETIME;
ALTER TABLE "BillingSchedule" ADD COLUMN "lastRunError" TEXT;
ALTER TABLE "BillingSchedule" ADD COLUMN "lastRunOutcome" TEXT;

-- AlterTable
ALTER TABLE "DunningTracker" ADD COLUMN "claimToken" TEXT;
ALTER TABLE "DunningTracker" ADD COLUMN "claimedUntil" DATETIME;
ALTER TABLE "DunningTracker" ADD COLUMN "lastAttemptAt" DATETIME;
ALTER TABLE "DunningTracker" ADD COLUMN "nextAttemptAt" DATETIME;

-- CreateTable
CREATE TABLE "BillingRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "scheduledFor" DATETIME NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "windowEnd" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "jobId" TEXT,
    "error" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BillingAttemptEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "orderId" TEXT,
    "idempotencyKey" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "webhookId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME,
    "claimedUntil" DATETIME,
    "claimToken" TEXT,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT
);
INSERT INTO "new_BillingAttemptEvent" ("attemptId", "contractId", "errorCode", "errorMessage", "id", "idempotencyKey", "orderId", "processedAt", "receivedAt", "shop", "topic", "webhookId") SELECT "attemptId", "contractId", "errorCode", "errorMessage", "id", "idempotencyKey", "orderId", "processedAt", "receivedAt", "shop", "topic", "webhookId" FROM "BillingAttemptEvent";
DROP TABLE "BillingAttemptEvent";
ALTER TABLE "new_BillingAttemptEvent" RENAME TO "BillingAttemptEvent";
CREATE INDEX "BillingAttemptEvent_shop_idx" ON "BillingAttemptEvent"("shop");
CREATE INDEX "BillingAttemptEvent_processedAt_id_idx" ON "BillingAttemptEvent"("processedAt", "id");
CREATE UNIQUE INDEX "BillingAttemptEvent_attemptId_topic_key" ON "BillingAttemptEvent"("attemptId", "topic");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "BillingRun_shop_startedAt_idx" ON "BillingRun"("shop", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BillingRun_shop_scheduledFor_key" ON "BillingRun"("shop", "scheduledFor");

-- CreateIndex
CREATE INDEX "DunningTracker_completedAt_nextAttemptAt_idx" ON "DunningTracker"("completedAt", "nextAttemptAt");

