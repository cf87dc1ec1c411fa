// Pure builders for the MongoDB adapter's platform collections (job queue, leases, sync progress, data requests)
// and for redaction. Same rules as ./queries: every filter starts with `{ shop }` (except the cross-shop claim and
// housekeeping), caller values are checked and used only as literal operands.

import type { Document } from "mongodb";
import type { NewJob, RedactionTarget } from "../port";
import { normalizeEmail, str } from "./queries";

export type Filter = Document;

function strings(value: unknown, name: string): string[] {
  if (!Array.isArray(value)) throw new TypeError(`${name} must be an array of strings`);
  return value.map((v, i) => str(v, `${name}[${i}]`));
}

/** A needle as a case-insensitive literal regex (every metacharacter escaped), for substring search. */
export function literalRegex(needle: string): { $regex: string; $options: "i" } {
  return { $regex: str(needle, "needle").replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), $options: "i" };
}

// ---------- jobs ----------

/** Payloads are stored as JSON text, so a redaction can search them like any other text. */
export function jobDoc(shop: string, job: NewJob): Document {
  return {
    shop: str(shop, "shop"),
    id: str(job.id, "id"),
    kind: str(job.kind, "kind"),
    key: job.key === null ? null : str(job.key, "key"),
    payload: JSON.stringify(job.payload ?? {}),
    status: "pending",
    attempts: 0,
    runAt: str(job.runAt, "runAt"),
    leaseOwner: null,
    leaseExpiresAt: null,
    lastError: null,
    createdAt: str(job.createdAt, "createdAt"),
    updatedAt: str(job.createdAt, "createdAt"),
  };
}

/** Due pending work of these kinds, or running work whose lease ran out. */
export function claimableFilter(kinds: string[], now: string): Filter {
  return {
    kind: { $in: strings(kinds, "kinds") },
    $or: [
      { status: "pending", runAt: { $lte: str(now, "now") } },
      { status: "running", leaseExpiresAt: { $lte: now } },
    ],
  };
}

export function claimUpdate(owner: string, now: string, until: string): Document {
  return {
    $set: { status: "running", leaseOwner: str(owner, "owner"), leaseExpiresAt: until, updatedAt: now },
    $inc: { attempts: 1 },
  };
}

/** The job as long as `owner` still holds it: a worker whose lease was taken over cannot finish it. */
export function heldFilter(shop: string, id: string, owner: string): Filter {
  return { shop: str(shop, "shop"), id: str(id, "id"), status: "running", leaseOwner: str(owner, "owner") };
}

export function finishUpdate(status: "done" | "dead", error: string | null, now: string): Document {
  return {
    $set: { status, payload: "{}", lastError: error, leaseOwner: null, leaseExpiresAt: null, updatedAt: now },
  };
}

export function rescheduleUpdate(
  change: { runAt: Date; error: string | null; payload?: Record<string, unknown>; resetAttempts?: boolean },
  now: string,
): Document {
  const set: Document = {
    status: "pending",
    runAt: change.runAt.toISOString(),
    lastError: change.error,
    leaseOwner: null,
    leaseExpiresAt: null,
    updatedAt: now,
  };
  if (change.payload !== undefined) set.payload = JSON.stringify(change.payload);
  if (change.resetAttempts) set.attempts = 0;
  return { $set: set };
}

export function jobScrubFilter(shop: string, needle: string): Filter {
  return { shop: str(shop, "shop"), status: { $ne: "running" }, payload: literalRegex(needle) };
}

/** Pending jobs that named the person die; finished ones only lose their payload. */
export const jobScrubUpdate = (): Document[] => [
  {
    $set: {
      payload: "{}",
      lastError: "redacted",
      status: { $cond: [{ $eq: ["$status", "pending"] }, "dead", "$status"] },
    },
  },
];

/** Unfinished jobs per kind: how many, and the oldest pending one already due. */
export function backlogPipeline(now: string): Document[] {
  const at = str(now, "now");
  return [
    { $match: { status: { $in: ["pending", "running"] } } },
    {
      $group: {
        _id: "$kind",
        queued: { $sum: 1 },
        // $min skips nulls: only due pending jobs count.
        oldest: {
          $min: { $cond: [{ $and: [{ $eq: ["$status", "pending"] }, { $lte: ["$runAt", at] }] }, "$runAt", null] },
        },
      },
    },
    { $sort: { _id: 1 } },
  ];
}

export function finishedBefore(before: string): Filter {
  return { status: { $in: ["done", "dead"] }, updatedAt: { $lt: str(before, "before") } };
}

// ---------- leases ----------

/**
 * Takes the lease when it is free, expired or already the holder's; a live lease of someone else does not match, so
 * the upsert tries to insert a second (shop, name) and hits the unique index.
 */
export function leaseAcquire(shop: string, name: string, holder: string, now: Date, ttlMs: number) {
  return {
    filter: {
      shop: str(shop, "shop"),
      name: str(name, "name"),
      $or: [{ holder: str(holder, "holder") }, { expiresAt: { $lte: now.getTime() } }],
    },
    update: { $set: { holder, expiresAt: now.getTime() + ttlMs } },
  };
}

// ---------- redaction ----------

export function redactionTicketFilter(shop: string, target: RedactionTarget): Filter {
  const or: Document[] = [{ conversationId: { $in: strings(target.conversationIds, "conversationIds") } }];
  if (target.email) {
    // The whole address, case-insensitively: anchored, with every metacharacter escaped.
    or.push({ "contact.email": { $regex: `^${literalRegex(target.email).$regex}$`, $options: "i" } });
  }
  return { shop: str(shop, "shop"), $or: or };
}

export function redactionReturnFilter(shop: string, target: RedactionTarget): Filter {
  return {
    shop: str(shop, "shop"),
    $or: [
      { conversationId: { $in: strings(target.conversationIds, "conversationIds") } },
      { orderId: { $in: strings(target.orderIds ?? [], "orderIds") } },
    ],
  };
}

export function shortlistOwnersFilter(
  shop: string,
  owners: { conversationIds: string[]; visitorIds: string[] },
): Filter {
  return {
    shop: str(shop, "shop"),
    $or: [
      { conversationId: { $in: strings(owners.conversationIds, "conversationIds") } },
      { visitorId: { $in: strings(owners.visitorIds, "visitorIds") } },
    ],
  };
}

/** Events that point back at a person: by conversation, by visitor hash, or a property holding a conversation id. */
export function linkedEventsFilter(
  shop: string,
  target: { conversationIds: string[]; visitorHashes: string[] },
): Filter {
  const conversations = strings(target.conversationIds, "conversationIds");
  return {
    shop: str(shop, "shop"),
    $or: [
      { conversationId: { $in: conversations } },
      { visitorHash: { $in: strings(target.visitorHashes, "visitorHashes") } },
      // Props are a flat map of scalars: compare each value with the ids.
      {
        $expr: {
          $gt: [
            {
              $size: {
                $filter: {
                  input: { $objectToArray: { $ifNull: ["$props", {}] } },
                  cond: { $in: ["$$this.v", conversations] },
                },
              },
            },
            0,
          ],
        },
      },
    ],
  };
}

export function mentioningPipeline(shop: string, needle: string): Document[] {
  return [
    { $match: { shop: str(shop, "shop"), $text: { $search: `"${needle.replace(/"/g, "")}"` } } },
    { $match: { text: literalRegex(needle) } },
    { $group: { _id: "$conversationId" } },
  ];
}

export function dataRequestsFor(shop: string, customerId: string | null, email: string | null): Filter | null {
  const or: Document[] = [];
  if (customerId !== null) or.push({ customerId: str(customerId, "customerId") });
  if (email !== null) or.push({ emailLower: normalizeEmail(email) });
  return or.length === 0 ? null : { shop: str(shop, "shop"), $or: or };
}
