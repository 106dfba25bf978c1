-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingSchedule" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "hour" INTEGER NOT NULL DEFAULT 10,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "nextRunAt" TIMESTAMP(3),
    "lastRunAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DunningTracker" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "billingCycleIndex" INTEGER NOT NULL,
    "failureReason" TEXT NOT NULL,
    "completedAt" TIMESTAMP(3),
    "completedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DunningTracker_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_shop_expires_idx" ON "Session"("shop", "expires");

-- CreateIndex
CREATE UNIQUE INDEX "BillingSchedule_shop_key" ON "BillingSchedule"("shop");

-- CreateIndex
CREATE INDEX "BillingSchedule_active_nextRunAt_idx" ON "BillingSchedule"("active", "nextRunAt");

-- CreateIndex
CREATE INDEX "DunningTracker_shop_completedAt_idx" ON "DunningTracker"("shop", "completedAt");

-- CreateIndex
CREATE INDEX "DunningTracker_completedAt_idx" ON "DunningTracker"("completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DunningTracker_billing_cycle_failure_key" ON "DunningTracker"("shop", "contractId", "billingCycleIndex", "failureReason");

