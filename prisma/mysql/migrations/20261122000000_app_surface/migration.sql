-- Written by hand in Prisma's MySQL conventions (see 20261121000000_init).

-- CreateTable
CREATE TABLE `DunningSettings` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `shop` VARCHAR(191) NOT NULL,
    `retryAttempts` INTEGER NOT NULL DEFAULT 3,
    `daysBetweenRetryAttempts` INTEGER NOT NULL DEFAULT 7,
    `onFailure` VARCHAR(191) NOT NULL DEFAULT 'cancel',
    `inventoryRetryAttempts` INTEGER NOT NULL DEFAULT 5,
    `inventoryDaysBetweenRetryAttempts` INTEGER NOT NULL DEFAULT 1,
    `inventoryOnFailure` VARCHAR(191) NOT NULL DEFAULT 'skip',
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `DunningSettings_shop_key`(`shop`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `ProcessedWebhook` (
    `webhookId` VARCHAR(191) NOT NULL,
    `shop` VARCHAR(191) NOT NULL,
    `topic` VARCHAR(191) NOT NULL,
    `processedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `ProcessedWebhook_shop_idx`(`shop`),
    INDEX `ProcessedWebhook_processedAt_idx`(`processedAt`),
    PRIMARY KEY (`webhookId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `BillingAttemptEvent` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `shop` VARCHAR(191) NOT NULL,
    `topic` VARCHAR(191) NOT NULL,
    `attemptId` VARCHAR(191) NOT NULL,
    `contractId` VARCHAR(191) NOT NULL,
    `orderId` VARCHAR(191) NULL,
    `idempotencyKey` VARCHAR(191) NULL,
    `errorCode` VARCHAR(191) NULL,
    `errorMessage` TEXT NULL,
    `webhookId` VARCHAR(191) NOT NULL,
    `receivedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `processedAt` DATETIME(3) NULL,

    INDEX `BillingAttemptEvent_shop_idx`(`shop`),
    INDEX `BillingAttemptEvent_processedAt_id_idx`(`processedAt`, `id`),
    UNIQUE INDEX `BillingAttemptEvent_attemptId_topic_key`(`attemptId`, `topic`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
