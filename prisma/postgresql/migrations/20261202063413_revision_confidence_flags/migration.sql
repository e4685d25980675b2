-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "confidence" DOUBLE PRECISION,
ADD COLUMN     "flags" TEXT;

