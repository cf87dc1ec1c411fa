// Online backup and restore of the SQLite store through SQLite's own backup API: a consistent snapshot even while
// the app writes, and a restore that other open connections see as one ordinary write.
// Relative imports only: the ops CLI runs this file under plain tsx.

import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations";

/** Generated secrets that belong with the data (see app/platform/secrets.server.ts). */
export const SECRET_FILES = ["analytics-salt", "dev-app-secret"] as const;
const BACKUP_FILE = "aurora.sqlite";

export interface BackupReport {
  file: string;
  bytes: number;
  schemaVersion: number;
  secrets: string[];
  tables: Record<string, number>;
}

/** Checks a database file: integrity, and a schema this build can open. Returns its version and row counts. */
export function inspectDatabase(path: string): { schemaVersion: number; tables: Record<string, number> } {
  if (!existsSync(path)) throw new Error(`no database at ${path}`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`integrity check failed: ${String(integrity)}`);
    const hasMigrations = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .pluck()
      .get();
    if (!hasMigrations) throw new Error(`${path} is not an Aurora Concierge database (no schema_migrations)`);
    const schemaVersion = (db.prepare("SELECT max(version) FROM schema_migrations").pluck().get() as number) ?? 0;
    const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
    if (schemaVersion > latest) {
      throw new Error(`schema version ${schemaVersion} is newer than this build knows (${latest})`);
    }
    const names = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' " +
          "AND name NOT LIKE '%_fts%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    const tables = Object.fromEntries(
      names.map((name) => [name, db.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number]),
    );
    return { schemaVersion, tables };
  } finally {
    db.close();
  }
}

/**
 * Copies the live database at `sourcePath` into `targetDir` (created if needed) as one consistent snapshot, with the
 * generated secrets beside it. Writers keep going: SQLite restarts the copy of pages that change under it.
 */
export async function backupDatabase(sourcePath: string, targetDir: string): Promise<BackupReport> {
  const target = join(resolve(targetDir), BACKUP_FILE);
  if (existsSync(target)) throw new Error(`${target} exists already: choose an empty folder`);
  mkdirSync(dirname(target), { recursive: true });
  const source = new Database(sourcePath, { fileMustExist: true });
  const partial = `${target}.partial`;
  try {
    source.pragma("busy_timeout = 2000");
    await source.backup(partial);
  } finally {
    source.close();
  }
  renameSync(partial, target);
  const secrets: string[] = [];
  for (const name of SECRET_FILES) {
    const file = join(dirname(resolve(sourcePath)), name);
    if (existsSync(file)) {
      copyFileSync(file, join(dirname(target), name));
      secrets.push(name);
    }
  }
  const { schemaVersion, tables } = inspectDatabase(target);
  return { file: target, bytes: statSync(target).size, schemaVersion, secrets, tables };
}

/**
 * Replaces the database at `targetPath` with the backup in `backupDir`, after checking the backup. The copy goes
 * through SQLite's backup API into the target, so a running app sees the restored data as one write (its caches
 * catch up within 5 s); secrets from the backup are put back beside the target.
 */
export async function restoreDatabase(backupDir: string, targetPath: string): Promise<BackupReport> {
  const backupFile = join(resolve(backupDir), BACKUP_FILE);
  const { schemaVersion, tables } = inspectDatabase(backupFile);
  mkdirSync(dirname(resolve(targetPath)), { recursive: true });
  const backup = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    await backup.backup(targetPath);
  } finally {
    backup.close();
  }
  // Every store the app opens is in WAL mode; fold the restore into the main file so nothing lingers in a journal.
  const target = new Database(targetPath);
  try {
    target.pragma("journal_mode = WAL");
    target.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    target.close();
  }
  const secrets: string[] = [];
  for (const name of SECRET_FILES) {
    const file = join(dirname(backupFile), name);
    if (existsSync(file)) {
      copyFileSync(file, join(dirname(resolve(targetPath)), name));
      secrets.push(name);
    }
  }
  return { file: resolve(targetPath), bytes: statSync(targetPath).size, schemaVersion, secrets, tables };
}
