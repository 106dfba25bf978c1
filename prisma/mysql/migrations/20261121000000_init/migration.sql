-- Written by hand in Prisma's MySQL conventions: Prisma's WebAssembly schema
-- engine has no MySQL connector, so this history cannot be generated offline.
-- tests/integration/mysql-migrations.test.ts applies it to MariaDB and checks
-- every column, type, default and index against prisma/mysql/schema.prisma.

-- CreateTable
CREATE TABLE `Session` (
    `id` VARCHAR(191) NOT NULL,
    `shop` VARCHAR(191) NOT NULL,
    `state` VARCHAR(191) NOT NULL,
    `isOnline` BOOLEAN NOT NULL DEFAULT false,
    `scope` TEXT NULL,
    `expires` DATETIME(3) NULL,
    `accessToken` TEXT NOT NULL,
    `userId` BIGINT NULL,
    `firstName` VARCHAR(191) NULL,
    `lastName` VARCHAR(191) NULL,
    `email` VARCHAR(191) NULL,
    `accountOwner` BOOLEAN NOT NULL DEFAULT false,
    `locale` VARCHAR(191) NULL,
    `collaborator` BOOLEAN NULL DEFAULT false,
    `emailVerified` BOOLEAN NULL DEFAULT false,
    `refreshToken` TEXT NULL,
    `refreshTokenExpires` DATETIME(3) NULL,

    INDEX `Session_shop_expires_idx`(`shop`, `expires`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `BillingSchedule` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `shop` VARCHAR(191) NOT NULL,
    `hour` INTEGER NOT NULL DEFAULT 10,
    `timezone` VARCHAR(191) NOT NULL DEFAULT 'UTC',
    `active` BOOLEAN NOT NULL DEFAULT true,
    `nextRunAt` DATETIME(3) NULL,
    `lastRunAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `BillingSchedule_shop_key`(`shop`),
    INDEX `BillingSchedule_active_nextRunAt_idx`(`active`, `nextRunAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `DunningTracker` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `shop` VARCHAR(191) NOT NULL,
    `contractId` VARCHAR(191) NOT NULL,
    `billingCycleIndex` INTEGER NOT NULL,
    `failureReason` VARCHAR(191) NOT NULL,
    `completedAt` DATETIME(3) NULL,
    `completedReason` VARCHAR(191) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `DunningTracker_shop_completedAt_idx`(`shop`, `completedAt`),
    INDEX `DunningTracker_completedAt_idx`(`completedAt`),
    UNIQUE INDEX `DunningTracker_billing_cycle_failure_key`(`shop`, `contractId`, `billingCycleIndex`, `failureReason`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
