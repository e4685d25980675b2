-- AlterTable
ALTER TABLE "Revision" ADD COLUMN "confidence" REAL;
ALTER TABLE "Revision" ADD COLUMN "flags" TEXT;

