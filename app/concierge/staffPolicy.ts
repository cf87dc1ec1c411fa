// Who may do what in the admin (PRODUCT.md §3 roles): one table, checked on the server by every loader and action.
// Agents never see financial totals or settings; viewers change nothing.

import type { StaffRole } from "~/store/port";

export const STAFF_ACTIONS = [
  "overview.view",
  "overview.financials",
  "rollout.view",
  "rollout.change",
  "audit.view",
  "conversations.view",
  "tickets.view",
  "tickets.work",
  "tickets.assign",
  "returns.view",
  "returns.decide",
  "settings.view",
  "settings.support",
  "settings.store",
  "staff.manage",
  "privacy.export",
  "catalog.manage",
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

const EVERYONE: readonly StaffRole[] = ["owner", "admin", "support_lead", "agent", "viewer"];
const MANAGERS: readonly StaffRole[] = ["owner", "admin"];
const LEADS: readonly StaffRole[] = ["owner", "admin", "support_lead"];
const SUPPORT: readonly StaffRole[] = ["owner", "admin", "support_lead", "agent"];
// Read-only merchant views: everyone but agents (settings, rollout state and money are not an agent's job).
const OVERSEERS: readonly StaffRole[] = ["owner", "admin", "support_lead", "viewer"];

export const POLICY: Readonly<Record<StaffAction, readonly StaffRole[]>> = {
  "overview.view": EVERYONE,
  // Revenue attributed to the concierge: owners, admins and read-only viewers, not the support team.
  "overview.financials": ["owner", "admin", "viewer"],
  "rollout.view": OVERSEERS,
  "rollout.change": MANAGERS,
  "audit.view": OVERSEERS,
  "conversations.view": EVERYONE,
  "tickets.view": EVERYONE,
  /** Status, internal notes, replies to the shopper, assigning to oneself. */
  "tickets.work": SUPPORT,
  /** Assigning a ticket to someone else. */
  "tickets.assign": LEADS,
  "returns.view": EVERYONE,
  "returns.decide": LEADS,
  "settings.view": OVERSEERS,
  /** Business hours, SLA and FAQ answers: what the support team runs on. */
  "settings.support": LEADS,
  /** Widget appearance and return windows: the shop's own policy and look. */
  "settings.store": MANAGERS,
  "staff.manage": MANAGERS,
  /** Download a customers/data_request report: personal data, so owners and admins only. */
  "privacy.export": MANAGERS,
  /** Start or resume the Shopify catalog sync, import a product CSV: changes what the concierge recommends. */
  "catalog.manage": MANAGERS,
};

export function can(role: StaffRole, action: StaffAction): boolean {
  return POLICY[action].includes(role);
}

export function permissionsOf(role: StaffRole): Record<StaffAction, boolean> {
  return Object.fromEntries(STAFF_ACTIONS.map((a) => [a, can(role, a)])) as Record<StaffAction, boolean>;
}

export type RoleChangeRefusal = "not_allowed" | "own_role" | "owners_only" | "last_owner";

/**
 * May `actor` give `target` the role `next`? Owners and admins manage staff; only an owner makes or unmakes an
 * owner; nobody changes their own role (no accidental lock-out); the last owner stays an owner.
 */
export function roleChangeRefusal(input: {
  actorRole: StaffRole;
  actorId: string;
  targetId: string;
  targetRole: StaffRole;
  next: StaffRole | null; // null = remove from the shop's staff
  owners: number;
}): RoleChangeRefusal | null {
  const { actorRole, actorId, targetId, targetRole, next, owners } = input;
  if (!can(actorRole, "staff.manage")) return "not_allowed";
  if (actorId === targetId) return "own_role";
  if ((targetRole === "owner" || next === "owner") && actorRole !== "owner") return "owners_only";
  if (targetRole === "owner" && next !== "owner" && owners <= 1) return "last_owner";
  return null;
}
