-- Written by hand in Prisma's MySQL conventions (see 20261121000000_init).

-- CreateTable
CREATE TABLE `EmailOutbox` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `shop` VARCHAR(191) NOT NULL,
    `eventKey` VARCHAR(191) NOT NULL,
    `recipient` VARCHAR(191) NOT NULL,
    `kind` VARCHAR(191) NOT NULL,
    `contractId` VARCHAR(191) NULL,
    `customerId` VARCHAR(191) NULL,
    `data` TEXT NOT NULL,
    `status` VARCHAR(191) NOT NULL DEFAULT 'pending',
    `sendStartedAt` DATETIME(3) NULL,
    `sentAt` DATETIME(3) NULL,
    `messageId` VARCHAR(191) NULL,
    `claimedUntil` DATETIME(3) NULL,
    `claimToken` VARCHAR(191) NULL,
    `tries` INTEGER NOT NULL DEFAULT 0,
    `lastError` TEXT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `EmailOutbox_status_id_idx`(`status`, `id`),
    INDEX `EmailOutbox_shop_customerId_idx`(`shop`, `customerId`),
    UNIQUE INDEX `EmailOutbox_event_recipient_key`(`shop`, `eventKey`, `recipient`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `NotificationSettings` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `shop` VARCHAR(191) NOT NULL,
    `disabledKinds` VARCHAR(1000) NOT NULL DEFAULT '',
    `replyTo` VARCHAR(191) NULL,
    `merchantEmail` VARCHAR(191) NULL,
    `inventoryNotices` VARCHAR(191) NOT NULL DEFAULT 'immediately',
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `NotificationSettings_shop_key`(`shop`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
