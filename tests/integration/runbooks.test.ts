// The runbooks' commands work against this code: every ```sh block of Docs/runbooks/concierge-ops.md and
// concierge-incidents.md runs, in the order written, in bash against a running app with its own store, log and
// backup folder (health, metrics, the kill switch and rollout from the CLI, logs, online backup then restore, the
// queue, backfill, seed). A block that cannot run here carries a comment naming the test or script that exercises it,
// or marks it as MongoDB (no server here). The metrics the docs name are the metrics the app exports.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSqlite3 } from "../../scripts/ensure-tools.mjs";
import { startApp, type RunningApp } from "../support/app";
import { parseExposition } from "../support/prometheus";
import { DEMO_SHOP } from "../support/storefront";

const RUNBOOKS = ["Docs/runbooks/concierge-ops.md", "Docs/runbooks/concierge-incidents.md"];
const VARIABLES = ["APP", "SHOP", "METRICS_TOKEN", "DATABASE_URL", "LOG", "BACKUPS"];
const TOKEN = "runbook-metrics-token-0123456789";

interface Block {
  file: string;
  line: number;
  code: string;
  /** The `<!-- runbook-test: ... -->` comment just before the block, if any. */
  directive: string | null;
}

function blocksOf(file: string): Block[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const blocks: Block[] = [];
  let directive: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const comment = /^<!-- runbook-test: (.+) -->$/.exec(lines[i].trim());
    if (comment) directive = comment[1];
    if (lines[i].trim() !== "```sh") continue;
    const end = lines.indexOf("```", i + 1);
    blocks.push({ file, line: i + 1, code: lines.slice(i + 1, end).join("\n"), directive });
    directive = null;
    i = end;
  }
  return blocks;
}

const blocks = RUNBOOKS.flatMap(blocksOf);
const runnable = blocks.filter((b) => b.directive === null);
const firstCommand = (b: Block) =>
  b.code
    .split("\n")
    .find((l) => l.trim() && !l.trim().startsWith("#"))!
    .trim()
    .slice(0, 70);

describe("runbook blocks", () => {
  it("are found, and every one is run here or says what exercises it", () => {
    expect(runnable.length).toBeGreaterThanOrEqual(25);
    for (const b of blocks.filter((x) => x.directive !== null)) {
      const where = `${b.file}:${b.line}`;
      const d = b.directive!;
      if (d === "environment") {
        const exported = [...b.code.matchAll(/^export ([A-Z_]+)=/gm)].map((m) => m[1]);
        expect(exported.sort(), where).toEqual([...VARIABLES].sort());
      } else if (d.startsWith("not testable here (MongoDB")) {
        expect(b.code, where).toMatch(/mongo/i);
      } else {
        const m = /^exercised by (\S+)$/.exec(d);
        expect(m, `${where}: unknown directive "${d}"`).not.toBeNull();
        expect(existsSync(m![1]), `${where}: ${m![1]} exists`).toBe(true);
      }
    }
  });

  it("use only the documented variables (or ones they set themselves)", () => {
    for (const b of runnable) {
      const set = [...b.code.matchAll(/^\s*([a-z_]+)=/gm)].map((m) => m[1]);
      const used = [...b.code.matchAll(/\$\{?([A-Za-z_]+)/g)].map((m) => m[1]);
      for (const v of used) expect([...VARIABLES, ...set], `${b.file}:${b.line} uses $${v}`).toContain(v);
    }
  });
});

describe("runbook commands, run against a live app", () => {
  let app: RunningApp;
  let scratch: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const sqlite3 = ensureSqlite3();
    app = await startApp({ METRICS_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: "100000" });
    scratch = mkdtempSync(join(tmpdir(), "aurora-runbook-"));
    env = {
      PATH: `${dirname(sqlite3)}:${process.env.PATH}`,
      HOME: process.env.HOME,
      APP: app.url,
      SHOP: DEMO_SHOP,
      METRICS_TOKEN: TOKEN,
      DATABASE_URL: `file:${app.databasePath}`,
      LOG: join(scratch, "aurora.log"),
      BACKUPS: join(scratch, "backups"),
      NODE_ENV: "production",
    };
  });
  afterAll(async () => {
    await app?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  for (const block of runnable) {
    it(`${block.file.replace("Docs/runbooks/", "")}:${block.line} ${firstCommand(block)}`, () => {
      writeFileSync(env.LOG!, app.logs()); // the log as the app wrote it so far
      const r = spawnSync("bash", ["-c", `set -eu\n${block.code}`], { env, encoding: "utf8", timeout: 120_000 });
      expect(r.status, `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`).toBe(0);
    }, 150_000);
  }

  it("left a backup the restore accepted, and the app serves after it", async () => {
    expect(readdirSync(env.BACKUPS!).length).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${app.url}/api/ready`)).status).toBe(200);
  });

  it("name only metrics the app exports, and the ops runbook lists every one of them", async () => {
    const res = await fetch(`${app.url}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const { types, samples } = parseExposition(await res.text());
    const exported = new Set([...types.keys(), ...samples.map((s) => s.name)]);
    const docs = ["README.md", ...RUNBOOKS, ...markdownUnder("Docs/deployment"), ...markdownUnder("Docs/guides")];
    for (const file of docs) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bconcierge_[a-z_]+[a-z]\b/g)) {
        if (m[0].startsWith("concierge_conversation_id") || m[0].startsWith("concierge_preview")) continue;
        if (m[0].startsWith("concierge_shortlist")) continue; // storefront query keys, not metrics
        expect(exported.has(m[0]), `${file} names ${m[0]}`).toBe(true);
      }
    }
    const ops = readFileSync("Docs/runbooks/concierge-ops.md", "utf8");
    for (const family of [...types.keys()].filter((n) => n.startsWith("concierge_"))) {
      expect(ops, `the ops runbook's metric table lists ${family}`).toContain(`| \`${family}`);
    }
  });
});

function markdownUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".md"))
    .map((f) => join(dir, f));
}
