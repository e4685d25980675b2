-- AlterTable
ALTER TABLE "Feed" ADD COLUMN     "lastErrorCode" TEXT,
ADD COLUMN     "lastErrorParams" TEXT;

