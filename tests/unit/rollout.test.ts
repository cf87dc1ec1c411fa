import { describe, expect, it } from "vitest";
import {
  bucketOf,
  fnv1a32,
  isAllowlisted,
  normalisePercent,
  rolloutDecision,
  type RolloutInput,
  type RolloutLike,
} from "~/concierge/rollout";

const SHOP = "aurora-demo.myshopify.com";
const VISITORS = Array.from({ length: 10_000 }, (_, i) => `v_${i.toString(36)}_${(i * 7919) % 10_007}`);

function rollout(overrides: Partial<RolloutLike> = {}): RolloutLike {
  return { enabled: true, percent: 0, allowlist: { customerIds: [], emails: [] }, previewToken: null, ...overrides };
}

function decide(overrides: Partial<RolloutInput> = {}) {
  return rolloutDecision({ rollout: rollout(), shop: SHOP, visitorId: "visitor-1", ...overrides });
}

describe("fnv1a32", () => {
  // Published FNV-1a 32-bit test vectors.
  const vectors: [string, number][] = [
    ["", 0x811c9dc5],
    ["a", 0xe40c292c],
    ["foobar", 0xbf9cf968],
  ];
  it.each(vectors)("%j", (text, expected) => {
    expect(fnv1a32(text)).toBe(expected);
  });

  it("hashes UTF-8 bytes (non-ASCII differs from its ASCII look-alike)", () => {
    expect(fnv1a32("café")).not.toBe(fnv1a32("cafe"));
    expect(fnv1a32("😀")).toBe(fnv1a32("\u{1F600}"));
  });
});

describe("bucketOf", () => {
  it("is in [0, 100) with at most two decimals", () => {
    for (const v of VISITORS) {
      const b = bucketOf(SHOP, v);
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(100);
      expect(Math.round(b * 100)).toBeCloseTo(b * 100, 6);
    }
  });

  it("is stable: same visitor, same shop → same bucket, every time", () => {
    for (const v of VISITORS.slice(0, 500)) {
      const first = bucketOf(SHOP, v);
      for (let i = 0; i < 3; i++) expect(bucketOf(SHOP, v)).toBe(first);
    }
    expect(bucketOf("a.myshopify.com", "visitor-1")).toBe(bucketOf("a.myshopify.com", "visitor-1"));
  });

  it("spreads visitors evenly over ten deciles", () => {
    const deciles = new Array(10).fill(0);
    for (const v of VISITORS) deciles[Math.floor(bucketOf(SHOP, v) / 10)]++;
    for (const count of deciles) expect(Math.abs(count - 1000)).toBeLessThan(120);
  });

  it("buckets different shops independently (correlation is far from total)", () => {
    const other = "other-store.myshopify.com";
    let same = 0;
    let bothIn = 0;
    let xy = 0;
    for (const v of VISITORS) {
      const a = bucketOf(SHOP, v);
      const b = bucketOf(other, v);
      if (a === b) same++;
      if (a < 50 && b < 50) bothIn++;
      xy += (a - 50) * (b - 50);
    }
    expect(same).toBeLessThan(50);
    // Independent halves overlap on about a quarter of visitors.
    expect(Math.abs(bothIn / VISITORS.length - 0.25)).toBeLessThan(0.03);
    const correlation = xy / VISITORS.length / (100 ** 2 / 12);
    expect(Math.abs(correlation)).toBeLessThan(0.05);
  });
});

describe("normalisePercent", () => {
  const cases: [unknown, number][] = [
    [0, 0],
    [10, 10],
    [12.5, 12.5],
    [100, 100],
    [-5, 0],
    [150, 100],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
    [Number.NEGATIVE_INFINITY, 0],
    ["50", 0],
    [null, 0],
    [undefined, 0],
  ];
  it.each(cases)("%s → %s", (input, expected) => {
    expect(normalisePercent(input)).toBe(expected);
  });
});

describe("rolloutDecision: percentage", () => {
  const shareOf = (percent: number) =>
    VISITORS.filter((visitorId) => rolloutDecision({ rollout: rollout({ percent }), shop: SHOP, visitorId }).enabled)
      .length / VISITORS.length;

  it.each([1, 10, 25, 50, 90])("%d%% enables that share of 10,000 visitors (±2 points)", (percent) => {
    expect(Math.abs(shareOf(percent) * 100 - percent)).toBeLessThanOrEqual(2);
  });

  it.each([
    [0, 0],
    [100, 1],
  ])("%d%% enables a share of exactly %d", (percent, share) => {
    expect(shareOf(percent)).toBe(share);
  });

  it.each([
    [0, 1],
    [1, 10],
    [10, 25],
    [25, 50],
    [50, 90],
    [90, 100],
    [5, 5.5],
    [33.33, 33.34],
  ])("raising %d%% → %d%% never removes anyone", (p, q) => {
    let added = 0;
    for (const visitorId of VISITORS) {
      const before = rolloutDecision({ rollout: rollout({ percent: p }), shop: SHOP, visitorId });
      const after = rolloutDecision({ rollout: rollout({ percent: q }), shop: SHOP, visitorId });
      if (before.enabled) expect(after.enabled).toBe(true);
      if (!before.enabled && after.enabled) added++;
    }
    if (q - p >= 1) expect(added).toBeGreaterThan(0);
  });

  it("answers with in_rollout / not_in_rollout", () => {
    const reasons = new Set(
      VISITORS.slice(0, 200).map(
        (visitorId) => rolloutDecision({ rollout: rollout({ percent: 50 }), shop: SHOP, visitorId }).reason,
      ),
    );
    expect(reasons).toEqual(new Set(["in_rollout", "not_in_rollout"]));
    for (const visitorId of VISITORS.slice(0, 200)) {
      const d = rolloutDecision({ rollout: rollout({ percent: 50 }), shop: SHOP, visitorId });
      expect(d.enabled).toBe(d.reason === "in_rollout");
      expect(d.enabled).toBe(bucketOf(SHOP, visitorId) < 50);
    }
  });

  it.each([
    ["NaN", Number.NaN, 0],
    ["negative", -10, 0],
    ["Infinity", Number.POSITIVE_INFINITY, 0],
    ["over 100", 250, 1],
  ])("a malformed percentage (%s) is clamped, never enabling everyone by accident", (_name, percent, share) => {
    expect(shareOf(percent)).toBe(share);
  });
});

describe("rolloutDecision: precedence", () => {
  const allowlist = {
    customerIds: ["123", "gid://shopify/Customer/456"],
    emails: ["VIP@Example.com ", "beta@example.com"],
  };
  type Row = [name: string, overrides: Partial<RolloutInput>, expected: ReturnType<typeof rolloutDecision>];
  const rows: Row[] = [
    ["kill switch", { rollout: rollout({ enabled: false, percent: 100 }) }, { enabled: false, reason: "killed" }],
    [
      "kill switch beats allowlist",
      {
        rollout: rollout({ enabled: false, percent: 100, allowlist }),
        customerId: "123",
        customerEmail: "vip@example.com",
      },
      { enabled: false, reason: "killed" },
    ],
    [
      "kill switch beats preview",
      { rollout: rollout({ enabled: false, previewToken: "tok_abc" }), previewToken: "tok_abc" },
      { enabled: false, reason: "killed" },
    ],
    [
      "matching preview token",
      { rollout: rollout({ previewToken: "tok_abc" }), previewToken: "tok_abc" },
      { enabled: true, reason: "preview" },
    ],
    [
      "preview beats allowlist",
      { rollout: rollout({ previewToken: "tok_abc", allowlist }), previewToken: "tok_abc", customerId: "123" },
      { enabled: true, reason: "preview" },
    ],
    [
      "wrong preview token",
      { rollout: rollout({ previewToken: "tok_abc" }), previewToken: "tok_abd" },
      { enabled: false, reason: "not_in_rollout" },
    ],
    [
      "preview compared exactly (case)",
      { rollout: rollout({ previewToken: "tok_abc" }), previewToken: "TOK_ABC" },
      { enabled: false, reason: "not_in_rollout" },
    ],
    [
      "preview compared exactly (spaces)",
      { rollout: rollout({ previewToken: "tok_abc" }), previewToken: " tok_abc" },
      { enabled: false, reason: "not_in_rollout" },
    ],
    [
      "preview compared exactly (prefix)",
      { rollout: rollout({ previewToken: "tok_abc" }), previewToken: "tok_ab" },
      { enabled: false, reason: "not_in_rollout" },
    ],
    [
      "null stored token never matches null",
      { rollout: rollout({ previewToken: null }), previewToken: null },
      { enabled: false, reason: "not_in_rollout" },
    ],
    [
      "empty stored token never matches empty",
      { rollout: rollout({ previewToken: "" }), previewToken: "" },
      { enabled: false, reason: "not_in_rollout" },
    ],
    ["no token given", { rollout: rollout({ previewToken: "tok_abc" }) }, { enabled: false, reason: "not_in_rollout" }],
    [
      "allowlisted customer id",
      { rollout: rollout({ allowlist }), customerId: "123" },
      { enabled: true, reason: "allowlisted" },
    ],
    [
      "allowlisted id, trimmed",
      { rollout: rollout({ allowlist }), customerId: " 123 " },
      { enabled: true, reason: "allowlisted" },
    ],
    [
      "allowlisted by gid, given bare",
      { rollout: rollout({ allowlist }), customerId: "456" },
      { enabled: true, reason: "allowlisted" },
    ],
    [
      "allowlisted bare, given gid",
      { rollout: rollout({ allowlist }), customerId: "gid://shopify/Customer/123" },
      { enabled: true, reason: "allowlisted" },
    ],
    [
      "id not on the list",
      { rollout: rollout({ allowlist }), customerId: "1234" },
      { enabled: false, reason: "not_in_rollout" },
    ],
    [
      "allowlisted email, any case and spaces",
      { rollout: rollout({ allowlist }), customerEmail: "  vip@EXAMPLE.com" },
      { enabled: true, reason: "allowlisted" },
    ],
    [
      "allowlisted email exact",
      { rollout: rollout({ allowlist }), customerEmail: "beta@example.com" },
      { enabled: true, reason: "allowlisted" },
    ],
    [
      "email not on the list",
      { rollout: rollout({ allowlist }), customerEmail: "vip@example.co" },
      { enabled: false, reason: "not_in_rollout" },
    ],
    [
      "empty id and email never match",
      { rollout: rollout({ allowlist: { customerIds: [""], emails: [""] } }), customerId: "", customerEmail: "  " },
      { enabled: false, reason: "not_in_rollout" },
    ],
    [
      "null id and email",
      { rollout: rollout({ allowlist }), customerId: null, customerEmail: null },
      { enabled: false, reason: "not_in_rollout" },
    ],
    [
      "allowlist beats a 0% rollout",
      { rollout: rollout({ allowlist, percent: 0 }), customerId: "123" },
      { enabled: true, reason: "allowlisted" },
    ],
    ["100% rollout", { rollout: rollout({ percent: 100 }) }, { enabled: true, reason: "in_rollout" }],
    [
      "allowlisted at 100% still says allowlisted",
      { rollout: rollout({ allowlist, percent: 100 }), customerEmail: "beta@example.com" },
      { enabled: true, reason: "allowlisted" },
    ],
  ];
  it.each(rows)("%s", (_name, overrides, expected) => {
    expect(decide(overrides)).toEqual(expected);
  });

  it("the kill switch wins for every visitor, whatever else is set", () => {
    const killed = rollout({
      enabled: false,
      percent: 100,
      previewToken: "t",
      allowlist: { customerIds: ["1"], emails: ["a@b.c"] },
    });
    for (const visitorId of VISITORS.slice(0, 1000)) {
      expect(
        rolloutDecision({
          rollout: killed,
          shop: SHOP,
          visitorId,
          customerId: "1",
          customerEmail: "a@b.c",
          previewToken: "t",
        }),
      ).toEqual({ enabled: false, reason: "killed" });
    }
  });

  it("accepts the store's RolloutState shape", () => {
    const state = {
      enabled: true,
      percent: 100,
      allowlist: { customerIds: [], emails: [] },
      previewToken: null,
      guarded: { active: false, stageIndex: 0, stageStartedAt: null, stages: [] },
      updatedAt: "2025-03-01T00:00:00.000Z",
    };
    expect(rolloutDecision({ rollout: state, visitorId: "v" })).toEqual({ enabled: true, reason: "in_rollout" });
  });
});

describe("isAllowlisted", () => {
  it("matches ids and emails independently", () => {
    const list = { customerIds: ["7"], emails: ["x@y.z"] };
    expect(isAllowlisted(list, "7", null)).toBe(true);
    expect(isAllowlisted(list, null, "X@Y.Z")).toBe(true);
    expect(isAllowlisted(list, "8", "x@y.z")).toBe(true);
    expect(isAllowlisted(list, "8", "w@y.z")).toBe(false);
    expect(isAllowlisted(list)).toBe(false);
  });
});
