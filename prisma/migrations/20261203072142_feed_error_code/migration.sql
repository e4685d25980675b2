-- AlterTable
ALTER TABLE "Feed" ADD COLUMN "lastErrorCode" TEXT;
ALTER TABLE "Feed" ADD COLUMN "lastErrorParams" TEXT;

