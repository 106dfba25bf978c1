-- CreateTable
CREATE TABLE "EmailOutbox" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "contractId" TEXT,
    "customerId" TEXT,
    "data" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "sendStartedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "messageId" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "claimToken" TEXT,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EmailOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationSettings" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "disabledKinds" VARCHAR(1000) NOT NULL DEFAULT '',
    "replyTo" TEXT,
    "merchantEmail" TEXT,
    "inventoryNotices" TEXT NOT NULL DEFAULT 'immediately',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EmailOutbox_status_id_idx" ON "EmailOutbox"("status", "id");

-- CreateIndex
CREATE INDEX "EmailOutbox_shop_customerId_idx" ON "EmailOutbox"("shop", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "EmailOutbox_event_recipient_key" ON "EmailOutbox"("shop", "eventKey", "recipient");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationSettings_shop_key" ON "NotificationSettings"("shop");

