// The role × action matrix of PRODUCT.md §3, written out here independently of the policy table it checks.

import { describe, expect, it } from "vitest";
import { can, roleChangeRefusal, STAFF_ACTIONS, type StaffAction } from "~/concierge/staffPolicy";
import { STAFF_ROLES, type StaffRole } from "~/store/port";

// o = owner, a = admin, l = support_lead, g = agent, v = viewer
const EXPECTED: Record<StaffAction, string> = {
  "overview.view": "oalgv",
  "overview.financials": "oa  v",
  "rollout.view": "oal v",
  "rollout.change": "oa   ",
  "audit.view": "oal v",
  "conversations.view": "oalgv",
  "tickets.view": "oalgv",
  "tickets.work": "oalg ",
  "tickets.assign": "oal  ",
  "returns.view": "oalgv",
  "returns.decide": "oal  ",
  "settings.view": "oal v",
  "settings.support": "oal  ",
  "settings.store": "oa   ",
  "staff.manage": "oa   ",
  "privacy.export": "oa   ",
  "catalog.manage": "oa   ",
};
const LETTER: Record<StaffRole, string> = { owner: "o", admin: "a", support_lead: "l", agent: "g", viewer: "v" };

describe("role × action", () => {
  it("covers every action the policy knows", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...STAFF_ACTIONS].sort());
  });

  for (const action of STAFF_ACTIONS) {
    it(`${action}: ${EXPECTED[action].trim() || "nobody"}`, () => {
      for (const role of STAFF_ROLES) expect(can(role, action), role).toBe(EXPECTED[action].includes(LETTER[role]));
    });
  }

  it("viewers change nothing; agents never see money or settings", () => {
    const changes: StaffAction[] = STAFF_ACTIONS.filter((a) => !a.endsWith(".view"));
    expect(changes.filter((a) => can("viewer", a))).toEqual(["overview.financials"]); // seeing money is not a change
    expect(can("agent", "overview.financials")).toBe(false);
    expect(STAFF_ACTIONS.filter((a) => a.startsWith("settings.") && can("agent", a))).toEqual([]);
  });
});

describe("who may give whom which role", () => {
  const base = { actorId: "me", targetId: "them", owners: 2 };
  it.each([
    [{ actorRole: "owner", targetRole: "viewer", next: "agent" }, null],
    [{ actorRole: "admin", targetRole: "viewer", next: "support_lead" }, null],
    [{ actorRole: "admin", targetRole: "agent", next: null }, null],
    [{ actorRole: "support_lead", targetRole: "viewer", next: "agent" }, "not_allowed"],
    [{ actorRole: "agent", targetRole: "viewer", next: "agent" }, "not_allowed"],
    [{ actorRole: "admin", targetRole: "owner", next: "admin" }, "owners_only"],
    [{ actorRole: "admin", targetRole: "viewer", next: "owner" }, "owners_only"],
    [{ actorRole: "owner", targetRole: "admin", next: "owner" }, null],
    [{ actorRole: "owner", targetRole: "owner", next: "admin" }, null],
  ] as const)("%j → %s", (change, refusal) => {
    expect(roleChangeRefusal({ ...base, ...change })).toBe(refusal);
  });

  it("nobody changes their own role, and the last owner stays an owner", () => {
    expect(
      roleChangeRefusal({
        actorRole: "owner",
        actorId: "me",
        targetId: "me",
        targetRole: "owner",
        next: "admin",
        owners: 3,
      }),
    ).toBe("own_role");
    expect(
      roleChangeRefusal({
        actorRole: "owner",
        actorId: "me",
        targetId: "them",
        targetRole: "owner",
        next: null,
        owners: 1,
      }),
    ).toBe("last_owner");
  });
});
