// Unguessable ids with a readable prefix ("conv_…", "tkt_…"): conversation and shortlist ids act as capabilities.

import { randomBytes } from "node:crypto";

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString("base64url")}`;
}
