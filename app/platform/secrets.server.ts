// Secrets generated once and kept in the data folder: the local-mode app-proxy secret and the analytics salt.

import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The folder beside the SQLite file (or ./data for MongoDB) where generated secrets live. */
export function dataDirFor(databaseUrl: string, usingMongo: boolean): string {
  if (usingMongo) return resolve("data");
  const path = databaseUrl.replace(/^(file|sqlite):(\/\/)?/, "");
  return path === ":memory:" ? resolve("data") : dirname(resolve(path));
}

/** Reads a secret file, creating it with 32 random bytes (hex) the first time; owner-only permissions. */
export function persistentSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  try {
    const value = readFileSync(file, "utf8").trim();
    if (value.length >= 32) return value;
  } catch {
    // absent: generate below
  }
  mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(32).toString("hex");
  writeFileSync(file, value + "\n", { mode: 0o600 });
  return value;
}
