// Small admin rules: the allowlist parser, the cross-site action test, and how the audit log words a change.

import { describe, expect, it } from "vitest";
import { changeSummary } from "~/components/AuditLog";
import { formatDue } from "~/components/format";
import { isCrossSiteAction } from "~/platform/adminAuth.server";
import { parseAllowlist } from "~/services/rolloutAdmin.server";

describe("parseAllowlist", () => {
  it("splits ids and emails by line or comma, lower-cases emails, drops duplicates", () => {
    expect(parseAllowlist("123\n Beta@Example.com, 456\n\n123\nbeta@example.com\ngid://shopify/Customer/789")).toEqual({
      customerIds: ["123", "456", "gid://shopify/Customer/789"],
      emails: ["beta@example.com"],
    });
  });
  it("refuses what is neither an id nor an email", () => {
    expect(() => parseAllowlist("123\nnot an id")).toThrow(/neither a customer id nor an email/);
  });
});

describe("isCrossSiteAction", () => {
  it.each([
    [{ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }, false],
    [{ origin: undefined, host: "127.0.0.1:3000" }, false],
    [{ origin: "null", host: "127.0.0.1:3000" }, false],
    [{ origin: "https://evil.example", host: "127.0.0.1:3000" }, true],
    [{ origin: "https://app.example", host: "10.0.0.5:3000", forwardedHost: "app.example, proxy" }, false],
    [{ origin: "not a url", host: "127.0.0.1:3000" }, true],
  ])("%j → %s", (headers, crossSite) => {
    expect(isCrossSiteAction(headers)).toBe(crossSite);
  });
});

describe("audit wording and SLA clock", () => {
  it("names the fields that changed, before → after", () => {
    expect(
      changeSummary({ enabled: true, percent: 10, updatedAt: "a" }, { enabled: false, percent: 10, updatedAt: "b" }),
    ).toBe("enabled: true → false");
    expect(changeSummary(null, { marker: 1 })).toBe('none → {"marker":1}');
  });

  it("says how long until (or since) a reply is due", () => {
    const now = Date.UTC(2025, 0, 1, 12);
    expect(formatDue(new Date(now + 125 * 60_000).toISOString(), now)).toEqual({
      text: "due in 2 h 05 min",
      overdue: false,
      soon: false,
    });
    expect(formatDue(new Date(now + 20 * 60_000).toISOString(), now)).toEqual({
      text: "due in 20 min",
      overdue: false,
      soon: true,
    });
    expect(formatDue(new Date(now - 3 * 60_000).toISOString(), now)).toEqual({
      text: "3 min overdue",
      overdue: true,
      soon: false,
    });
  });
});
