// The shop's staff as the admin knows them: enrolled on first visit (the first on a shop with no owner becomes its
// owner, later ones start as viewers), renamed and given roles by owners and admins, every change audited.

import { roleChangeRefusal, type RoleChangeRefusal } from "~/concierge/staffPolicy";
import { AppError } from "~/platform/errors.server";
import type { Runtime } from "~/platform/runtime.server";
import type { StaffMember, StaffRole } from "~/store/port";
import { recordAudit } from "./audit.server";

/** The staff member opening the admin, created on their first visit. */
export async function enrolStaff(
  runtime: Runtime,
  shop: string,
  userId: string,
  defaults: { name: string; email?: string },
  now = new Date(),
): Promise<StaffMember> {
  const existing = await runtime.store.staff.get(shop, userId);
  if (existing) return existing;
  const staff = await runtime.store.staff.list(shop);
  const role: StaffRole = staff.some((m) => m.role === "owner") ? "viewer" : "owner";
  const member: StaffMember = {
    userId,
    name: defaults.name,
    email: defaults.email ?? "",
    role,
    updatedAt: now.toISOString(),
  };
  await runtime.store.staff.put(shop, member);
  // Two first visits racing could both see "no owner": re-read so both agree on what was stored.
  const stored = (await runtime.store.staff.get(shop, userId)) ?? member;
  await recordAudit(runtime.store, shop, {
    actor: userId,
    action: "staff.enrolled",
    before: null,
    after: { userId, role: stored.role },
    at: now,
  });
  return stored;
}

const REFUSALS: Record<RoleChangeRefusal, string> = {
  not_allowed: "Only owners and admins manage staff.",
  own_role: "You can't change your own role; ask another owner or admin.",
  owners_only: "Only an owner can make someone an owner or change an owner's role.",
  last_owner: "The shop needs at least one owner: make someone else owner first.",
};

export async function listStaff(runtime: Runtime, shop: string): Promise<StaffMember[]> {
  const staff = await runtime.store.staff.list(shop);
  return staff.sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

export async function changeStaff(
  runtime: Runtime,
  shop: string,
  actor: StaffMember,
  input: { userId: string; role: StaffRole | null; name?: string; email?: string },
  now = new Date(),
): Promise<StaffMember | null> {
  const staff = await runtime.store.staff.list(shop);
  const target = staff.find((m) => m.userId === input.userId);
  if (!target) throw new AppError("staff.not_found", 404, "That staff member is not on this shop.");
  const roleChanges = input.role === null || input.role !== target.role;
  if (roleChanges) {
    const refusal = roleChangeRefusal({
      actorRole: actor.role,
      actorId: actor.userId,
      targetId: target.userId,
      targetRole: target.role,
      next: input.role,
      owners: staff.filter((m) => m.role === "owner").length,
    });
    if (refusal) throw new AppError(`staff.${refusal}`, 403, REFUSALS[refusal]);
  }
  if (input.role === null) {
    await runtime.store.staff.remove(shop, target.userId);
    await recordAudit(runtime.store, shop, {
      actor: actor.userId,
      action: "staff.removed",
      before: target,
      after: null,
      at: now,
    });
    return null;
  }
  const next: StaffMember = {
    ...target,
    role: input.role,
    name: input.name ?? target.name,
    email: input.email ?? target.email,
    updatedAt: now.toISOString(),
  };
  await runtime.store.staff.put(shop, next);
  await recordAudit(runtime.store, shop, {
    actor: actor.userId,
    action: roleChanges ? "staff.role_changed" : "staff.updated",
    before: target,
    after: next,
    at: now,
  });
  return next;
}
