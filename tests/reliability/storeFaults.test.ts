// Store faults over real HTTP: another process holding the write lock (defects 1–2 of issue 10), and a full
// disk. In each: liveness answers at once, writes fail cleanly with 503 store.unavailable, config degrades to
// enabled:false, readiness says degraded — and the server recovers by itself, measured.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../support/app";
import { expectError, expectOk } from "../support/storefront";
import { holdWriteLock, measureUntil, signedPath, startReliabilityApp, timed } from "./support";

type App = RunningApp & { secret: string; port: number };

const turn = (app: App, visitorId: string) =>
  fetch(`${app.url}${signedPath(app, "messages")}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ visitorId, text: "rose gold rings under $800" }),
  });

/** What every store fault must look like from outside, while it lasts. */
async function expectDegradedCleanly(app: App, label: string): Promise<void> {
  // Ten shoppers write while the fault lasts; liveness is asked meanwhile.
  const writes = Promise.all(Array.from({ length: 10 }, (_, i) => timed(() => turn(app, `v-${label}-${i}`))));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const health = await timed(() => fetch(`${app.url}/api/health`));
  expect(health.value.status).toBe(200);
  // The writes wait about a second on timers; a blocked loop would hold liveness that long (it was 5 s).
  expect(health.ms, `${label}: liveness while ten writes wait`).toBeLessThan(500);

  const ready = await timed(() => fetch(`${app.url}/api/ready`));
  expect(ready.value.status, `${label}: readiness`).toBe(503);
  expect(await ready.value.json()).toMatchObject({ status: "degraded", checks: { store: "failing" } });
  expect(ready.ms, `${label}: readiness answers within its budget`).toBeLessThan(2_500);

  const config = await fetch(`${app.url}${signedPath(app, "config", { visitorId: `v-${label}` })}`);
  expect(await expectOk<{ enabled: boolean }>(config, `${label}: config degrades`)).toMatchObject({ enabled: false });

  for (const { ms, value } of await writes) {
    await expectError(value, 503, "store.unavailable", `${label}: a write`);
    expect(value.headers.get("retry-after")).toBe("5");
    expect(ms, `${label}: a write waits a bounded time, then fails`).toBeLessThan(3_000);
  }
}

describe("a second process holding the write lock", () => {
  let app: App;
  beforeAll(async () => {
    app = await startReliabilityApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("never freezes the server: liveness at once, clean 503s, config degrades, readiness honest, immediate recovery", async () => {
    await expectOk(await turn(app, "v-before-lock"), "before the lock");
    const lock = await holdWriteLock(app.databasePath);
    let released = false;
    try {
      await expectDegradedCleanly(app, "locked");
      await lock.release();
      released = true;
      // Another writer's lock is contention, not a fault: the next page view gets its launcher back at once,
      // while readiness still remembers the failures of the last few seconds.
      const configAfter = await fetch(`${app.url}${signedPath(app, "config", { visitorId: "v-after-lock" })}`);
      expect(await expectOk<{ enabled: boolean }>(configAfter, "config after release")).toMatchObject({ enabled: true });
      expect((await fetch(`${app.url}/api/ready`)).status, "readiness right after release").toBe(503);
      const recovery = await measureUntil(async () => (await turn(app, "v-after-lock")).status === 200, 5_000, 5);
      // Readiness stays degraded a few seconds after the last failure, then says ready again.
      const ready = await measureUntil(async () => (await fetch(`${app.url}/api/ready`)).status === 200, 10_000, 100);
      console.info(
        `store fault (write lock held elsewhere): first write served ${recovery.toFixed(0)} ms after release, ` +
          `ready again after ${(recovery + ready).toFixed(0)} ms`,
      );
      expect(recovery, "first successful write after the lock is released").toBeLessThan(500);
    } finally {
      if (!released) await lock.release();
    }
  }, 30_000);
});

/** A small tmpfs we can fill, when this machine lets us mount one (root in CI and here). */
function smallFilesystem(): string | null {
  const dir = mkdtempSync(join(tmpdir(), "aurora-fullfs-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=24m", "tmpfs", dir], { stdio: "ignore" });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const mountPoint = smallFilesystem();
const fullDiskTitle = mountPoint
  ? "a full disk (a 24 MB tmpfs filled up)"
  : "a full disk (skipped: this machine cannot mount a small tmpfs — needs root)";

describe.skipIf(!mountPoint)(fullDiskTitle, () => {
  let app: App;
  const dataDir = join(mountPoint ?? tmpdir(), "data");
  beforeAll(async () => {
    mkdirSync(dataDir, { recursive: true });
    app = await startReliabilityApp({}, { dataDir });
  });
  afterAll(async () => {
    await app?.stop();
    if (mountPoint) {
      execFileSync("umount", [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    }
  });

  it("fails writes cleanly with 503 while full, degrades config, says degraded, and recovers once space is freed", async () => {
    await expectOk(await turn(app, "v-before-full"), "before the disk fills");
    // A reader holding an old snapshot keeps the WAL from being reused, so every write needs new space.
    const reader = new Database(app.databasePath, { readonly: true, fileMustExist: true });
    reader.exec("BEGIN");
    reader.prepare("SELECT count(*) FROM shops").get();
    const filler = join(mountPoint!, "filler");
    try {
      const mb = Buffer.alloc(1024 * 1024, 1);
      for (let i = 0; ; i++) {
        try {
          writeFileSync(`${filler}-${i}`, mb);
        } catch {
          break; // ENOSPC: full
        }
      }
      // The last free pages go to the first writes; from then on every write meets a full disk.
      await measureUntil(async () => (await turn(app, "v-filling")).status === 503, 10_000, 0);
      await expectDegradedCleanly(app, "full");
    } finally {
      reader.exec("ROLLBACK");
      reader.close();
      execFileSync("sh", ["-c", `rm -f ${filler}-*`]);
    }
    const recovery = await measureUntil(async () => (await turn(app, "v-after-full")).status === 200, 5_000, 5);
    const ready = await measureUntil(async () => (await fetch(`${app.url}/api/ready`)).status === 200, 10_000, 100);
    console.info(
      `store fault (disk full): first write served ${recovery.toFixed(0)} ms after space was freed, ` +
        `ready again after ${(recovery + ready).toFixed(0)} ms`,
    );
    expect(recovery).toBeLessThan(1_000);
    expect(app.logs()).not.toContain("unhandled error");
  }, 60_000);
});
