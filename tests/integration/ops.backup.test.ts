// The runbook's backup and restore (`npm run concierge -- backup|restore`), exercised the way an operator uses
// them: a backup taken while shoppers write is a consistent store, and restoring it gives back exactly that store.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "~/store/sqlite";
import { startApp, type RunningApp } from "../support/app";
import { localSecret, proxyClient, type ProxyClient } from "../support/proxy";
import { count, DEMO_SHOP, newClientIp, query } from "../support/storefront";

const run = promisify(execFile);

async function cli(databasePath: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run("node_modules/.bin/tsx", ["scripts/concierge.ts", ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: `file:${databasePath}` } as unknown as NodeJS.ProcessEnv,
      timeout: 60_000,
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/** Rows that must agree with each other in any consistent snapshot. */
function consistency(databasePath: string) {
  return {
    conversations: count(databasePath, "SELECT count(*) AS n FROM conversations"),
    messages: count(databasePath, "SELECT count(*) AS n FROM messages"),
    // A conversation's counter and its messages are written in one transaction: a torn copy would disagree.
    mismatched: count(
      databasePath,
      "SELECT count(*) AS n FROM conversations c WHERE c.message_count <> " +
        "(SELECT count(*) FROM messages m WHERE m.shop = c.shop AND m.conversation_id = c.id)",
    ),
    orphans: count(
      databasePath,
      "SELECT count(*) AS n FROM messages m WHERE NOT EXISTS " +
        "(SELECT 1 FROM conversations c WHERE c.shop = m.shop AND c.id = m.conversation_id)",
    ),
  };
}

describe("backup and restore of the SQLite store", () => {
  let app: RunningApp;
  let shopper: ProxyClient;
  const scratch = mkdtempSync(join(tmpdir(), "aurora-backup-"));

  beforeAll(async () => {
    app = await startApp({ RATE_LIMIT_PER_MINUTE: "100000" });
    shopper = proxyClient(app.url, { shop: DEMO_SHOP, secret: localSecret(app.dataDir) });
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("takes a consistent backup under write load, and restores it into a new and into an existing file", async () => {
    let writing = true;
    let acknowledged = 0;
    const writer = async (n: number) => {
      for (let i = 0; writing; i++) {
        const res = await shopper.post(
          "messages",
          { visitorId: `v-backup-${n}-${i}`, text: "rose gold rings under $800" },
          { headers: newClientIp() },
        );
        if (res.status === 200) acknowledged++;
        await res.arrayBuffer();
      }
    };
    const writers = Array.from({ length: 6 }, (_, n) => writer(n));
    await new Promise((resolve) => setTimeout(resolve, 500));

    const backupDir = join(scratch, "snapshot");
    const backup = await cli(app.databasePath, ["backup", "--to", backupDir]);
    const atBackup = acknowledged;
    await new Promise((resolve) => setTimeout(resolve, 300));
    writing = false;
    await Promise.all(writers);
    expect(backup.code, backup.out).toBe(0);
    expect(atBackup, "the load was running while the backup was taken").toBeGreaterThan(10);

    const snapshot = join(backupDir, "aurora.sqlite");
    const copied = consistency(snapshot);
    expect(copied.mismatched).toBe(0);
    expect(copied.orphans).toBe(0);
    expect(copied.conversations).toBeGreaterThan(0);
    // The secrets travel with the data: without the salt, analytics hashes would stop matching after a restore.
    expect(readFileSync(join(backupDir, "analytics-salt"), "utf8")).toBe(
      readFileSync(join(app.dataDir, "analytics-salt"), "utf8"),
    );
    const live = consistency(app.databasePath);
    expect(live.conversations, "writes went on after the snapshot").toBeGreaterThan(copied.conversations);

    // Into a fresh file: the same rows, and the store opens and serves them.
    const fresh = join(scratch, "restored", "aurora.sqlite");
    const restored = await cli(fresh, ["restore", "--from", backupDir]);
    expect(restored.code, restored.out).toBe(0);
    expect(consistency(fresh)).toEqual(copied);
    const store = openSqliteStore(fresh);
    try {
      expect(await store.conversations.count(DEMO_SHOP)).toBe(copied.conversations);
      expect(await store.products.count(DEMO_SHOP)).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
    expect(query(fresh, "PRAGMA journal_mode")[0]).toEqual({ journal_mode: "wal" });

    // Over an existing store that moved on: back to the snapshot exactly.
    const again = await cli(app.databasePath, ["restore", "--from", backupDir]);
    expect(again.code, again.out).toBe(0);
    expect(consistency(app.databasePath)).toEqual(copied);
    const health = await fetch(`${app.url}/api/ready`);
    expect(health.status).toBe(200);
  });

  it("refuses a backup folder that is not empty and a restore from something that is not a backup", async () => {
    const used = join(scratch, "used");
    expect((await cli(app.databasePath, ["backup", "--to", used])).code).toBe(0);
    const twice = await cli(app.databasePath, ["backup", "--to", used]);
    expect(twice.code).toBe(1);
    expect(twice.out).toMatch(/exists already/);

    const target = join(scratch, "untouched.sqlite");
    const bogus = await cli(target, ["restore", "--from", join(scratch, "no-such-folder")]);
    expect(bogus.code).toBe(1);
    expect(bogus.out).toMatch(/no database/);
    expect(existsSync(target)).toBe(false);
  });
});
