// One app server at a time prepares a shared PostgreSQL database. Several
// servers of a team may run `npm start` at the same moment; Prisma's own
// migration lock gives up after 10 s, and two imports of content/ at once
// would race on the same articles. The first server holds this lock while it
// migrates and imports; the others wait for it, then find nothing left to do.
// SQLite is one machine's file: nothing to share, no lock.
import pg from "pg";

/** Any fixed number: the lock's name among the database's advisory locks. */
const SETUP_LOCK = 4_711_930_207;

export function isPostgresUrl(url) {
  return /^postgres(ql)?:\/\//i.test(url ?? "");
}

/** Runs `work` (synchronous or not) holding the setup lock of the database at `url`. */
export async function withSetupLock(url, work, { onWait = () => {} } = {}) {
  if (!isPostgresUrl(url)) return work();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS taken", [SETUP_LOCK]);
    if (!rows[0].taken) {
      onWait();
      await client.query("SELECT pg_advisory_lock($1)", [SETUP_LOCK]);
    }
    return await work();
  } finally {
    // Ending the session releases the lock too; unlocking first says so at once.
    await client.query("SELECT pg_advisory_unlock($1)", [SETUP_LOCK]).catch(() => {});
    await client.end().catch(() => {});
  }
}
