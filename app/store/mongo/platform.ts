// The MongoDB side of the platform port groups (job queue, leases, sync progress, data requests) and of the
// redaction methods the existing groups gained. Query shapes live in ./platformQueries; this file only runs them.

import type { Collection, Document } from "mongodb";
import { encodeCursor } from "../cursor";
import {
  JOB_STATUSES,
  pageLimit,
  type DataRequest,
  type Job,
  type JobStatus,
  type Product,
  type ReturnRequest,
  type Store,
  type SyncProgress,
  type Ticket,
  type TicketEvent,
} from "../port";
import * as p from "./platformQueries";
import * as q from "./queries";
import { redactTicket } from "../redaction";

type Collections = Record<q.CollectionName, Collection<Document>>;

const isDuplicateKey = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 11000;

function jobFromDoc(doc: Document): Job {
  const { _id, payload, ...rest } = doc;
  return { ...(rest as Omit<Job, "payload">), payload: JSON.parse(payload as string) as Record<string, unknown> };
}

export function mongoJobs(c: Collections): Store["jobs"] {
  return {
    async enqueue(shop, job) {
      try {
        await c.jobs.insertOne(p.jobDoc(shop, job));
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async claim(kinds, owner, now, leaseMs) {
      const at = now.toISOString();
      // findOneAndUpdate is atomic per document: of several claimers exactly one matches the still-claimable job.
      const doc = await c.jobs.findOneAndUpdate(
        p.claimableFilter(kinds, at),
        p.claimUpdate(owner, at, new Date(now.getTime() + leaseMs).toISOString()),
        { sort: { runAt: 1 }, returnDocument: "after" },
      );
      return doc ? jobFromDoc(doc) : null;
    },
    async finish(shop, id, owner, status, error, now) {
      const result = await c.jobs.updateOne(
        p.heldFilter(shop, id, owner),
        p.finishUpdate(status, error, now.toISOString()),
      );
      return result.matchedCount > 0;
    },
    async reschedule(shop, id, owner, change, now) {
      const result = await c.jobs.updateOne(
        p.heldFilter(shop, id, owner),
        p.rescheduleUpdate(change, now.toISOString()),
      );
      return result.matchedCount > 0;
    },
    async get(shop, id) {
      const doc = await c.jobs.findOne(q.byKey(shop, "id", id));
      return doc ? jobFromDoc(doc) : null;
    },
    async counts(shop, kind) {
      const out = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
      const rows = await c.jobs
        .aggregate<{ _id: JobStatus; n: number }>([
          { $match: { ...q.shopFilter(shop), kind: q.str(kind, "kind") } },
          { $group: { _id: "$status", n: { $sum: 1 } } },
        ])
        .toArray();
      for (const r of rows) out[r._id] = r.n;
      return out;
    },
    async scrub(shop, needles) {
      let changed = 0;
      for (const needle of needles.filter((n) => n.trim() !== "")) {
        changed += (await c.jobs.updateMany(p.jobScrubFilter(shop, needle), p.jobScrubUpdate())).modifiedCount;
      }
      return changed;
    },
    async backlog(now) {
      const rows = await c.jobs
        .aggregate<{ _id: string; queued: number; oldest: string | null }>(p.backlogPipeline(now.toISOString()))
        .toArray();
      return rows.map((r) => ({ kind: r._id, queued: r.queued, oldestDueAt: r.oldest ?? null }));
    },
    async purgeFinished(before) {
      return (await c.jobs.deleteMany(p.finishedBefore(before.toISOString()))).deletedCount;
    },
  };
}

export function mongoLeases(c: Collections): Store["leases"] {
  return {
    async acquire(shop, name, holder, now, ttlMs) {
      const { filter, update } = p.leaseAcquire(shop, name, holder, now, ttlMs);
      try {
        await c.leases.updateOne(filter, update, { upsert: true });
        return true;
      } catch (error) {
        // A live lease does not match the filter, so the upsert tries to insert a second `name`: someone holds it.
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async release(shop, name, holder) {
      await c.leases.deleteOne({
        shop: q.str(shop, "shop"),
        name: q.str(name, "name"),
        holder: q.str(holder, "holder"),
      });
    },
  };
}

export function mongoSyncProgress(c: Collections): Store["syncProgress"] {
  return {
    async get(shop) {
      return (await c.syncProgress.findOne(q.shopFilter(shop), {
        projection: q.ENTITY_PROJECTION,
      })) as SyncProgress | null;
    },
    async put(shop, progress) {
      await c.syncProgress.replaceOne(q.shopFilter(shop), q.shopDoc(shop, progress), { upsert: true });
      return progress;
    },
  };
}

export function mongoDataRequests(c: Collections): Store["dataRequests"] {
  const order: q.Keyset<DataRequest> = {
    fields: [
      { field: "requestedAt", dir: -1, type: "string" },
      { field: "id", dir: -1, type: "string" },
    ],
    key: (r) => [r.requestedAt, r.id],
  };
  return {
    async put(shop, request) {
      const doc = {
        ...q.shopDoc(shop, request),
        emailLower: request.email === null ? null : q.normalizeEmail(request.email),
      };
      await c.dataRequests.replaceOne(q.byKey(shop, "id", request.id), doc, { upsert: true });
      return request;
    },
    async get(shop, id) {
      return (await c.dataRequests.findOne(q.byKey(shop, "id", id), {
        projection: q.ENTITY_PROJECTION,
      })) as DataRequest | null;
    },
    async list(shop, req) {
      const limit = pageLimit(req);
      const filter = q.withKeyset(q.shopFilter(shop), order, q.afterKey(req?.cursor, order));
      const rows = (await c.dataRequests
        .find(filter, { projection: q.ENTITY_PROJECTION, sort: q.sortOf(order), limit: limit + 1 })
        .toArray()) as unknown as DataRequest[];
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(order.key(last)) : null };
    },
    async removeFor(shop, customerId, email) {
      const filter = p.dataRequestsFor(shop, customerId, email);
      return filter ? (await c.dataRequests.deleteMany(filter)).deletedCount : 0;
    },
  };
}

/** The redaction methods of the existing groups, merged into them by ./index. */
export function mongoRedaction(c: Collections) {
  const project = { projection: q.ENTITY_PROJECTION };
  return {
    products: {
      async findByInventoryItem(shop: string, inventoryItemId: string) {
        return (await c.products.findOne(
          { ...q.shopFilter(shop), "variants.inventoryItemId": q.str(inventoryItemId, "inventoryItemId") },
          { ...project, sort: { id: 1 } },
        )) as Product | null;
      },
    },
    conversations: {
      async findMentioning(shop: string, needle: string) {
        if (needle.trim() === "") return [];
        const groups = await c.messages.aggregate<{ _id: string }>(p.mentioningPipeline(shop, needle)).toArray();
        return groups.map((g) => g._id);
      },
    },
    tickets: {
      async findForRedaction(shop: string, target: Parameters<Store["tickets"]["findForRedaction"]>[1]) {
        const docs = await c.tickets
          .find(p.redactionTicketFilter(shop, target), { projection: { id: 1 }, sort: { id: 1 } })
          .toArray();
        return docs.map((d) => d.id as string);
      },
      async redact(shop: string, id: string, scope: "transcript" | "all", event: TicketEvent) {
        const current = (await c.tickets.findOne(q.byKey(shop, "id", id), project)) as Ticket | null;
        if (!current) return false;
        await c.tickets.replaceOne(q.byKey(shop, "id", id), q.ticketDoc(shop, redactTicket(current, scope, event)));
        return true;
      },
    },
    returns: {
      async findForRedaction(shop: string, target: Parameters<Store["returns"]["findForRedaction"]>[1]) {
        const docs = await c.returnRequests
          .find(p.redactionReturnFilter(shop, target), { projection: { id: 1 }, sort: { id: 1 } })
          .toArray();
        return docs.map((d) => d.id as string);
      },
      async redact(shop: string, id: string) {
        const current = (await c.returnRequests.findOne(q.byKey(shop, "id", id), project)) as ReturnRequest | null;
        if (!current) return false;
        const { transcript: _transcript, ...eligibility } = current.eligibility;
        await c.returnRequests.updateOne(q.byKey(shop, "id", id), { $set: { reason: "", eligibility } });
        return true;
      },
    },
    csat: {
      async redactComments(shop: string, conversationIds: string[]) {
        const filter = { ...q.shopFilter(shop), conversationId: { $in: conversationIds.map((id) => q.str(id, "id")) } };
        return (await c.csatRatings.updateMany(filter, { $set: { comment: null } })).modifiedCount;
      },
    },
    shortlists: {
      async removeFor(shop: string, owners: { conversationIds: string[]; visitorIds: string[] }) {
        return (await c.shortlists.deleteMany(p.shortlistOwnersFilter(shop, owners))).deletedCount;
      },
      async purgeExpired(shop: string, now: string) {
        return (await c.shortlists.deleteMany({ ...q.shopFilter(shop), expiresAt: { $lte: q.str(now, "now") } }))
          .deletedCount;
      },
    },
    analytics: {
      async unlink(
        shop: string,
        target: { conversationIds: string[]; visitorHashes: string[] },
        replacementHash: string,
      ) {
        const ids = new Set(target.conversationIds);
        const docs = await c.analyticsEvents
          .find(p.linkedEventsFilter(shop, target), { projection: { id: 1, props: 1 } })
          .toArray();
        for (const doc of docs) {
          const props = Object.fromEntries(
            Object.entries((doc.props ?? {}) as Record<string, unknown>).filter(([, v]) => !ids.has(v as string)),
          );
          await c.analyticsEvents.updateOne(q.byKey(shop, "id", doc.id), {
            $set: { conversationId: null, visitorHash: q.str(replacementHash, "replacementHash"), props },
          });
        }
        return docs.length;
      },
      async purgeBefore(shop: string, before: string) {
        return (await c.analyticsEvents.deleteMany({ ...q.shopFilter(shop), at: { $lt: q.str(before, "before") } }))
          .deletedCount;
      },
    },
    audit: {
      async scrub(shop: string, needles: string[]) {
        // before/after are free-form documents: compare their JSON text, entry by entry.
        const wanted = needles.filter((n) => n.trim() !== "").map((n) => n.toLowerCase());
        if (wanted.length === 0) return 0;
        let changed = 0;
        for await (const doc of c.auditLog.find(q.shopFilter(shop), { projection: { id: 1, before: 1, after: 1 } })) {
          const text = JSON.stringify([doc.before ?? null, doc.after ?? null]).toLowerCase();
          if (!wanted.some((n) => text.includes(n))) continue;
          await c.auditLog.updateOne(q.byKey(shop, "id", doc.id), { $set: { before: null, after: null } });
          changed += 1;
        }
        return changed;
      },
    },
    idempotency: {
      async scrub(shop: string, needles: string[]) {
        let removed = 0;
        for (const needle of needles.filter((n) => n.trim() !== "")) {
          removed += (
            await c.idempotencyRecords.deleteMany({ ...q.shopFilter(shop), response: p.literalRegex(needle) })
          ).deletedCount;
        }
        return removed;
      },
      async purgeExpired(now: Date) {
        return (await c.idempotencyRecords.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
      },
    },
    rateLimits: {
      async purgeExpired(now: Date) {
        // Counters carry windowStart; a window of any length has ended once reapAt (first hit + window) passed.
        return (await c.rateLimitCounters.deleteMany({ reapAt: { $lte: now } })).deletedCount;
      },
    },
  };
}
