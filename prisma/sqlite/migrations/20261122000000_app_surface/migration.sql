-- CreateTable
CREATE TABLE "DunningSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "retryAttempts" INTEGER NOT NULL DEFAULT 3,
    "daysBetweenRetryAttempts" INTEGER NOT NULL DEFAULT 7,
    "onFailure" TEXT NOT NULL DEFAULT 'cancel',
    "inventoryRetryAttempts" INTEGER NOT NULL DEFAULT 5,
    "inventoryDaysBetweenRetryAttempts" INTEGER NOT NULL DEFAULT 1,
    "inventoryOnFailure" TEXT NOT NULL DEFAULT 'skip',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProcessedWebhook" (
    "webhookId" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "processedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BillingAttemptEvent" (
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
    "processedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "DunningSettings_shop_key" ON "DunningSettings"("shop");

-- CreateIndex
CREATE INDEX "ProcessedWebhook_shop_idx" ON "ProcessedWebhook"("shop");

-- CreateIndex
CREATE INDEX "ProcessedWebhook_processedAt_idx" ON "ProcessedWebhook"("processedAt");

-- CreateIndex
CREATE INDEX "BillingAttemptEvent_shop_idx" ON "BillingAttemptEvent"("shop");

-- CreateIndex
CREATE INDEX "BillingAttemptEvent_processedAt_id_idx" ON "BillingAttemptEvent"("processedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "BillingAttemptEvent_attemptId_topic_key" ON "BillingAttemptEvent"("attemptId", "topic");

