// Unguessable ids with a readable prefix ("conv_…", "tkt_…"): conversation and shortlist ids act as capabilities.

import { randomBytes } from "node:crypto";

// Random bytes drawn from the CSPRNG a few kilobytes at a time: one system call per 256 ids, not one per id.
let pool = Buffer.alloc(0);
let offset = 0;

export function newId(prefix: string): string {
  if (offset + 16 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const id = pool.toString("base64url", offset, offset + 16);
  offset += 16;
  return `${prefix}_${id}`;
}
