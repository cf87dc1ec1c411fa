// The MongoDB adapter's platform query documents (job queue, leases, redaction), built without a server: literal
// operands only, regexes escaped, tenant scoping where a call is per shop.

import { describe, expect, it } from "vitest";
import * as p from "~/store/mongo/platformQueries";

const SHOP = "aurora-test.myshopify.com";
const HOSTILE = { $gt: "" } as unknown as string;

describe("platform queries", () => {
  it("escapes every regex metacharacter of a needle", () => {
    expect(p.literalRegex("a.b+c@x.com")).toEqual({ $regex: "a\\.b\\+c@x\\.com", $options: "i" });
    expect(new RegExp(p.literalRegex("(.*)").$regex).test("anything")).toBe(false);
    expect(new RegExp(p.literalRegex("(.*)").$regex).test("x(.*)y")).toBe(true);
  });

  it("claims due pending work or running work whose lease ran out, of the asked kinds only", () => {
    expect(p.claimableFilter(["webhook", "backfill"], "2026-01-01T00:00:00.000Z")).toEqual({
      kind: { $in: ["webhook", "backfill"] },
      $or: [
        { status: "pending", runAt: { $lte: "2026-01-01T00:00:00.000Z" } },
        { status: "running", leaseExpiresAt: { $lte: "2026-01-01T00:00:00.000Z" } },
      ],
    });
    expect(p.heldFilter(SHOP, "j1", "w1")).toEqual({ shop: SHOP, id: "j1", status: "running", leaseOwner: "w1" });
  });

  it("stores payloads as JSON text and drops them when a job finishes", () => {
    const doc = p.jobDoc(SHOP, {
      id: "j1",
      kind: "mail",
      key: "k",
      payload: { to: ["a@b.c"] },
      runAt: "t",
      createdAt: "t",
    });
    expect(doc).toMatchObject({ shop: SHOP, payload: '{"to":["a@b.c"]}', status: "pending", attempts: 0 });
    expect(p.finishUpdate("done", null, "t2")).toEqual({
      $set: { status: "done", payload: "{}", lastError: null, leaseOwner: null, leaseExpiresAt: null, updatedAt: "t2" },
    });
    expect(p.jobScrubFilter(SHOP, "a@b.c")).toEqual({
      shop: SHOP,
      status: { $ne: "running" },
      payload: p.literalRegex("a@b.c"),
    });
  });

  it("groups the backlog by kind over unfinished jobs, the oldest due one only among pending jobs", () => {
    const at = "2026-01-01T00:00:00.000Z";
    const [match, group] = p.backlogPipeline(at);
    expect(match).toEqual({ $match: { status: { $in: ["pending", "running"] } } });
    expect(group.$group.queued).toEqual({ $sum: 1 });
    expect(group.$group.oldest.$min.$cond[0]).toEqual({
      $and: [{ $eq: ["$status", "pending"] }, { $lte: ["$runAt", at] }],
    });
    expect(() => p.backlogPipeline(HOSTILE)).toThrow(TypeError);
  });

  it("takes a lease when free, expired or already the holder's", () => {
    const now = new Date(1_000_000);
    expect(p.leaseAcquire(SHOP, "task", "h1", now, 500)).toEqual({
      filter: { shop: SHOP, name: "task", $or: [{ holder: "h1" }, { expiresAt: { $lte: 1_000_000 } }] },
      update: { $set: { holder: "h1", expiresAt: 1_000_500 } },
    });
  });

  it("matches a ticket's whole contact email case-insensitively, and refuses operator objects anywhere", () => {
    const filter = p.redactionTicketFilter(SHOP, { conversationIds: ["c1"], email: "ada+x@example.com" });
    const regex = new RegExp(filter.$or[1]["contact.email"].$regex, "i");
    expect(regex.test("ADA+x@Example.com")).toBe(true);
    expect(regex.test("mada+x@example.com")).toBe(false);
    expect(() => p.redactionTicketFilter(SHOP, { conversationIds: [HOSTILE] })).toThrow(TypeError);
    expect(() => p.redactionReturnFilter(HOSTILE, { conversationIds: [] })).toThrow(TypeError);
    expect(() => p.claimableFilter([HOSTILE], "t")).toThrow(TypeError);
    expect(() => p.leaseAcquire(SHOP, HOSTILE, "h", new Date(), 1)).toThrow(TypeError);
    expect(() => p.dataRequestsFor(SHOP, HOSTILE, null)).toThrow(TypeError);
    expect(p.dataRequestsFor(SHOP, null, null)).toBeNull();
  });
});
