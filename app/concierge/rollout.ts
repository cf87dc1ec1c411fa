// Who sees the concierge (PRODUCT.md §3 rollout): kill switch, preview link, beta allowlist, then a stable
// percentage bucket per (shop, visitor). Buckets are deterministic, so a visitor sees the same thing on every page,
// and "in" means bucket < percent, so raising the percentage never removes anyone (old-system-gaps §8 item 47).

export interface RolloutLike {
  /** false = kill switch on. */
  enabled: boolean;
  percent: number;
  allowlist: { customerIds: string[]; emails: string[] };
  previewToken: string | null;
}

export interface RolloutInput {
  rollout: RolloutLike;
  /** The shop's myshopify domain: buckets are per shop. Pass it; without it every shop shares one bucketing. */
  shop?: string;
  visitorId: string;
  customerId?: string | null;
  customerEmail?: string | null;
  previewToken?: string | null;
}

export type RolloutReason = "killed" | "not_in_rollout" | "allowlisted" | "in_rollout" | "preview";

export interface RolloutDecision {
  enabled: boolean;
  reason: RolloutReason;
}

/** UTF-8 bytes of a string (so the hash is the same in any JavaScript runtime and in other languages). */
function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return bytes;
}

/** FNV-1a, 32 bits, over the UTF-8 bytes. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of utf8(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: spreads FNV's weak low bits so near-identical ids land in unrelated buckets. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** The visitor's bucket in [0, 100) with two decimals (10,000 buckets), from `${shop}:${visitorId}`. */
export function bucketOf(shop: string, visitorId: string): number {
  return (fmix32(fnv1a32(`${shop}:${visitorId}`)) % 10_000) / 100;
}

/** A usable percentage: NaN, non-numbers and ±Infinity → 0 (never "everyone" by accident), else clamped to [0, 100]. */
export function normalisePercent(percent: unknown): number {
  if (typeof percent !== "number" || !Number.isFinite(percent)) return 0;
  return Math.min(100, Math.max(0, percent));
}

/** Shopify customer ids may arrive as "123" or "gid://shopify/Customer/123"; compare the bare id. */
function customerKey(id: string): string {
  const trimmed = id.trim();
  const gid = /^gid:\/\/shopify\/Customer\/(.+)$/i.exec(trimmed);
  return gid ? gid[1] : trimmed;
}

function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function isAllowlisted(
  allowlist: RolloutLike["allowlist"],
  customerId?: string | null,
  customerEmail?: string | null,
): boolean {
  if (customerId && customerKey(customerId) !== "") {
    const key = customerKey(customerId);
    if (allowlist.customerIds.some((id) => customerKey(id) === key)) return true;
  }
  if (customerEmail && emailKey(customerEmail) !== "") {
    const key = emailKey(customerEmail);
    if (allowlist.emails.some((e) => emailKey(e) === key)) return true;
  }
  return false;
}

/**
 * Whether this visitor gets the concierge, and why. Precedence: kill switch ("killed") over everything, then a
 * matching preview token ("preview"; exact comparison, and a null or empty stored token never matches), then the
 * allowlist by customer id or email ("allowlisted"; trimmed, emails case-insensitive), then the percentage bucket.
 */
export function rolloutDecision(input: RolloutInput): RolloutDecision {
  const { rollout } = input;
  if (rollout.enabled !== true) return { enabled: false, reason: "killed" };
  if (rollout.previewToken && input.previewToken && input.previewToken === rollout.previewToken) {
    return { enabled: true, reason: "preview" };
  }
  if (isAllowlisted(rollout.allowlist, input.customerId, input.customerEmail))
    return { enabled: true, reason: "allowlisted" };
  const percent = normalisePercent(rollout.percent);
  return bucketOf(input.shop ?? "", input.visitorId) < percent
    ? { enabled: true, reason: "in_rollout" }
    : { enabled: false, reason: "not_in_rollout" };
}
