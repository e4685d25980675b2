import { providerOfDb, type Tx } from "./client";

/**
 * Takes the write lock on a segment's row until the transaction ends.
 *
 * On PostgreSQL, a new revision takes a key-share lock on its segment (the
 * foreign key), and moving `currentRevisionId` (a unique column) needs the
 * full row lock, so two savers that each inserted a revision first wait for
 * each other: a deadlock. Locking the segment before anything else queues
 * them instead. SQLite has one writer at a time, so there is nothing to do.
 */
export async function lockSegment(tx: Tx, segmentId: number): Promise<void> {
  if (providerOfDb(tx) !== "postgresql") return;
  await tx.$queryRaw`SELECT "id" FROM "Segment" WHERE "id" = ${segmentId} FOR UPDATE`;
}
