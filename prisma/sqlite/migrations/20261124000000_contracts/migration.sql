-- CreateTable
CREATE TABLE "ContractActivity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "staffUserId" TEXT,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "OrderTag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "doneAt" DATETIME,
    "claimedUntil" DATETIME,
    "claimToken" TEXT,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DunningSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "retryAttempts" INTEGER NOT NULL DEFAULT 3,
    "daysBetweenRetryAttempts" INTEGER NOT NULL DEFAULT 7,
    "onFailure" TEXT NOT NULL DEFAULT 'cancel',
    "inventoryRetryAttempts" INTEGER NOT NULL DEFAULT 5,
    "inventoryDaysBetweenRetryAttempts" INTEGER NOT NULL DEFAULT 1,
    "inventoryOnFailure" TEXT NOT NULL DEFAULT 'skip',
    "reactivateAfterRecovery" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_DunningSettings" ("createdAt", "daysBetweenRetryAttempts", "id", "inventoryDaysBetweenRetryAttempts", "inventoryOnFailure", "inventoryRetryAttempts", "onFailure", "retryAttempts", "shop", "updatedAt") SELECT "createdAt", "daysBetweenRetryAttempts", "id", "inventoryDaysBetweenRetryAttempts", "inventoryOnFailure", "inventoryRetryAttempts", "onFailure", "retryAttempts", "shop", "updatedAt" FROM "DunningSettings";
DROP TABLE "DunningSettings";
ALTER TABLE "new_DunningSettings" RENAME TO "DunningSettings";
CREATE UNIQUE INDEX "DunningSettings_shop_key" ON "DunningSettings"("shop");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ContractActivity_shop_contractId_createdAt_idx" ON "ContractActivity"("shop", "contractId", "createdAt");

-- CreateIndex
CREATE INDEX "OrderTag_doneAt_id_idx" ON "OrderTag"("doneAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "OrderTag_shop_orderId_key" ON "OrderTag"("shop", "orderId");

