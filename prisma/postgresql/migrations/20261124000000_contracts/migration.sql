-- AlterTable
ALTER TABLE "DunningSettings" ADD COLUMN     "reactivateAfterRecovery" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ContractActivity" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "staffUserId" TEXT,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderTag" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "doneAt" TIMESTAMP(3),
    "claimedUntil" TIMESTAMP(3),
    "claimToken" TEXT,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderTag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContractActivity_shop_contractId_createdAt_idx" ON "ContractActivity"("shop", "contractId", "createdAt");

-- CreateIndex
CREATE INDEX "OrderTag_doneAt_id_idx" ON "OrderTag"("doneAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "OrderTag_shop_orderId_key" ON "OrderTag"("shop", "orderId");

