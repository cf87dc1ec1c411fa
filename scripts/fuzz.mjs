// `npm run fuzz` fuzzes every /proxy endpoint with 1,000 cases each (as `npm test` does);
// `npm run fuzz -- --long` with 100,000 each (about an hour on two cores). FUZZ_SEED picks another sequence.
// Needs a build (`npm run build`): the cases go over HTTP to the real server.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));
const long = process.argv.includes("--long");
const runs = long ? 100_000 : 1_000;
console.log(`Fuzzing every /proxy endpoint with ${runs.toLocaleString("en")} cases each...`);
const result = spawnSync("node_modules/.bin/vitest", ["run", "tests/reliability/fuzz.test.ts"], {
  stdio: "inherit",
  env: { ...process.env, FUZZ_RUNS: String(runs) },
});
process.exit(result.status ?? 1);
