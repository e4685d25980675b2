// `npm run battery [-- http://127.0.0.1:3000]`: probes a served Dwibahasa the way a
// hostile web page or network neighbour would (scripts/checks/hostile-probes.ts), and
// reports what holds. Nothing it sends is accepted by a server that holds (it
// changes nothing); exits 1 when a probe fails. BATTERY_COOKIE: a signed-in
// editor's Cookie header, to probe as that user's browser (accounts mode).
import { runBattery } from "./hostile-probes";

async function main() {
  const base = new URL(process.argv[2] ?? process.env.BATTERY_URL ?? "http://127.0.0.1:3000");
  console.log(`Hostile battery against ${base.origin}\n`);
  const results = await runBattery(base, { cookie: process.env.BATTERY_COOKIE });
  for (const { name, result } of results)
    console.log(
      `${result === true ? "holds " : "FAILS "} ${name}${result === true ? "" : ` (${result})`}`,
    );
  const failed = results.filter((r) => r.result !== true).length;
  console.log(`\n${results.length - failed} of ${results.length} hold.`);
  process.exit(failed === 0 ? 0 : 1);
}

void main();
