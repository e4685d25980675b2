// `npm run user:add -- <email> --role reader|editor|admin [--name "Full Name"]`:
// adds an account for AUTH=accounts. The password comes from DWIBAHASA_PASSWORD,
// or is asked for (twice, not echoed).
import readline from "node:readline";
import { addUser, newUserInputSchema } from "../lib/auth/users";
import { getDb } from "../lib/db/client";
import { DomainError, parseInput } from "../lib/errors";

function usage(): never {
  console.error(
    'Usage: npm run user:add -- <email> --role reader|editor|admin [--name "Full Name"]',
  );
  process.exit(1);
}

function option(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  if (at === -1) return undefined;
  const value = args[at + 1];
  if (!value || value.startsWith("--")) usage();
  args.splice(at, 2);
  return value;
}

function ask(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({
      input: process.stdin,
      output: process.stdout,
      terminal: true,
    });
    // Keeps the typed password off the screen.
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    out._writeToOutput = (s: string) => {
      if (s.startsWith(question)) process.stdout.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

async function main() {
  const args = process.argv.slice(2);
  const role = option(args, "--role") ?? "reader";
  const name = option(args, "--name") ?? "";
  const [email, ...rest] = args;
  if (!email || rest.length > 0) usage();
  let password = process.env.DWIBAHASA_PASSWORD;
  if (!password) {
    if (!process.stdin.isTTY) {
      console.error("✖ Set DWIBAHASA_PASSWORD, or run this in a terminal to type the password.");
      process.exit(1);
    }
    password = await ask("Password (8 characters or more): ");
    if ((await ask("Password again: ")) !== password) {
      console.error("✖ The two passwords differ; nothing was added.");
      process.exit(1);
    }
  }
  const input = parseInput(newUserInputSchema, { email, name, password, role });
  const user = await addUser(getDb(), input);
  console.log(`Added ${user.email} (${user.role}). Start with AUTH=accounts to require sign-in.`);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(
      `✖ ${error instanceof DomainError || error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
