-- CreateTable
CREATE TABLE "DunningSettings" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "retryAttempts" INTEGER NOT NULL DEFAULT 3,
    "daysBetweenRetryAttempts" INTEGER NOT NULL DEFAULT 7,
    "onFailure" TEXT NOT NULL DEFAULT 'cancel',
    "inventoryRetryAttempts" INTEGER NOT NULL DEFAULT 5,
    "inventoryDaysBetweenRetryAttempts" INTEGER NOT NULL DEFAULT 1,
    "inventoryOnFailure" TEXT NOT NULL DEFAULT 'skip',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DunningSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedWebhook" (
    "webhookId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedWebhook_pkey" PRIMARY KEY ("webhookId")
);

-- CreateTable
CREATE TABLE "BillingAttemptEvent" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "orderId" TEXT,
    "idempotencyKey" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "webhookId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "BillingAttemptEvent_pkey" PRIMARY KEY ("id")
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

