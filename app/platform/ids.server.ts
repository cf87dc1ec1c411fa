// Unguessable ids with a readable prefix ("conv_…", "tkt_…"): conversation and shortlist ids act as capabilities.
// The creation time leads (fixed-width base 36, so ids sort by time): a new row's id lands at the right edge of
// its unique index instead of on a random page, so a commit dirties a few pages, not one per row (ADR 0008).

import { randomBytes } from "node:crypto";

// Random bytes drawn from the CSPRNG a few kilobytes at a time: one system call per 256 ids, not one per id.
let pool = Buffer.alloc(0);
let offset = 0;
// The time part is re-encoded only when the millisecond changes.
let lastMs = -1;
let timePart = "";

export function newId(prefix: string): string {
  if (offset + 16 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    // Nine base-36 digits last until the year 5188.
    timePart = now.toString(36).padStart(9, "0");
  }
  const random = pool.toString("base64url", offset, offset + 16);
  offset += 16;
  return `${prefix}_${timePart}${random}`;
}
