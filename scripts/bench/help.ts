// Every benchmark answers --help with what it measures, its settings and what
// its last line holds, before it loads a model or touches a database.

/** Prints `text` and exits 0 when the command line asks for help. */
export function exitOnHelp(text: string): void {
  if (!process.argv.slice(2).some((arg) => arg === "--help" || arg === "-h")) return;
  console.log(text.trim());
  process.exit(0);
}
