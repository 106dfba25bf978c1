-- Written by hand in Prisma's MySQL conventions (see 20261121000000_init).

-- AlterTable
ALTER TABLE `DunningSettings` ADD COLUMN `reactivateAfterRecovery` BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE `ContractActivity` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `shop` VARCHAR(191) NOT NULL,
    `contractId` VARCHAR(191) NOT NULL,
    `actor` VARCHAR(191) NOT NULL,
    `staffUserId` VARCHAR(191) NULL,
    `action` VARCHAR(191) NOT NULL,
    `outcome` VARCHAR(191) NOT NULL,
    `detail` TEXT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `ContractActivity_shop_contractId_createdAt_idx`(`shop`, `contractId`, `createdAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `OrderTag` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `shop` VARCHAR(191) NOT NULL,
    `orderId` VARCHAR(191) NOT NULL,
    `contractId` VARCHAR(191) NOT NULL,
    `kind` VARCHAR(191) NOT NULL,
    `doneAt` DATETIME(3) NULL,
    `claimedUntil` DATETIME(3) NULL,
    `claimToken` VARCHAR(191) NULL,
    `tries` INTEGER NOT NULL DEFAULT 0,
    `lastError` TEXT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `OrderTag_doneAt_id_idx`(`doneAt`, `id`),
    UNIQUE INDEX `OrderTag_shop_orderId_key`(`shop`, `orderId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
