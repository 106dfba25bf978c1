-- Written by hand in Prisma's MySQL conventions (see 20261121000000_init).

-- DropIndex
DROP INDEX `DunningTracker_completedAt_idx` ON `DunningTracker`;

-- AlterTable
ALTER TABLE `BillingSchedule` ADD COLUMN `claimToken` VARCHAR(191) NULL,
    ADD COLUMN `claimedUntil` DATETIME(3) NULL,
    ADD COLUMN `lastRunError` TEXT NULL,
    ADD COLUMN `lastRunOutcome` VARCHAR(191) NULL;

-- AlterTable
ALTER TABLE `DunningTracker` ADD COLUMN `claimToken` VARCHAR(191) NULL,
    ADD COLUMN `claimedUntil` DATETIME(3) NULL,
    ADD COLUMN `lastAttemptAt` DATETIME(3) NULL,
    ADD COLUMN `nextAttemptAt` DATETIME(3) NULL;

-- AlterTable
ALTER TABLE `BillingAttemptEvent` ADD COLUMN `claimToken` VARCHAR(191) NULL,
    ADD COLUMN `claimedUntil` DATETIME(3) NULL,
    ADD COLUMN `lastError` TEXT NULL,
    ADD COLUMN `tries` INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE `BillingRun` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `shop` VARCHAR(191) NOT NULL,
    `scheduledFor` DATETIME(3) NOT NULL,
    `windowStart` DATETIME(3) NOT NULL,
    `windowEnd` DATETIME(3) NOT NULL,
    `status` VARCHAR(191) NOT NULL,
    `attempts` INTEGER NOT NULL DEFAULT 0,
    `jobId` VARCHAR(191) NULL,
    `error` TEXT NULL,
    `startedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `finishedAt` DATETIME(3) NULL,

    INDEX `BillingRun_shop_startedAt_idx`(`shop`, `startedAt`),
    UNIQUE INDEX `BillingRun_shop_scheduledFor_key`(`shop`, `scheduledFor`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateIndex
CREATE INDEX `DunningTracker_completedAt_nextAttemptAt_idx` ON `DunningTracker`(`completedAt`, `nextAttemptAt`);
