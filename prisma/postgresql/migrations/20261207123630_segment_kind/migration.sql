-- CreateEnum
CREATE TYPE "SegmentKind" AS ENUM ('sentence', 'title');

-- AlterTable
ALTER TABLE "Segment" ADD COLUMN     "kind" "SegmentKind" NOT NULL DEFAULT 'sentence';

