-- CreateTable
CREATE TABLE "EmailOutbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "contractId" TEXT,
    "customerId" TEXT,
    "data" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "sendStartedAt" DATETIME,
    "sentAt" DATETIME,
    "messageId" TEXT,
    "claimedUntil" DATETIME,
    "claimToken" TEXT,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NotificationSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "disabledKinds" TEXT NOT NULL DEFAULT '',
    "replyTo" TEXT,
    "merchantEmail" TEXT,
    "inventoryNotices" TEXT NOT NULL DEFAULT 'immediately',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "EmailOutbox_status_id_idx" ON "EmailOutbox"("status", "id");

-- CreateIndex
CREATE INDEX "EmailOutbox_shop_customerId_idx" ON "EmailOutbox"("shop", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "EmailOutbox_event_recipient_key" ON "EmailOutbox"("shop", "eventKey", "recipient");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationSettings_shop_key" ON "NotificationSettings"("shop");

