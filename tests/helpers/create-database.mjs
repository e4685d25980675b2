// `node create-database.mjs <server url> <template> <name>`: copies a template
// database. A child process, so that freshDb() can stay synchronous.
import { copyDatabase } from "../../scripts/db/postgres-server.mjs";

const [serverUrl, template, name] = process.argv.slice(2);
await copyDatabase(serverUrl, template, name);
