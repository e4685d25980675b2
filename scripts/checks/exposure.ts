// Run by `npm start` before serving: refuses an address other than this
// computer without accounts, and says how to open the server on purpose.
import { exposureProblem, isLoopback, listenHost, readAuthMode } from "../../lib/security/exposure";

const host = listenHost();
const auth = readAuthMode();
const problem = exposureProblem(host, auth);
if (problem) {
  console.error(`\n✖ ${problem}`);
  process.exit(1);
}
if (isLoopback(host))
  console.log(
    "Only this computer can open it. To share it on a network, set HOST=0.0.0.0 and AUTH=accounts (see docs/team.md).",
  );
else if (auth === "open")
  console.log(
    `Listening on ${host} without accounts (AUTH=open): anyone who can reach it may edit everything.`,
  );
else console.log(`Listening on ${host}; sign-in is required (AUTH=accounts).`);
