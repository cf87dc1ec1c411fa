// The Rollout page's changes: kill switch, percentage, allowlist, preview link and the guarded rollout's controls.
// Every change is a compare-and-set on the rollout the page showed (a clear conflict, never a silent overwrite),
// audited, and seen by the storefront within the shop cache's few seconds.

import { randomBytes } from "node:crypto";
import { DEFAULT_ROLLOUT_STAGES } from "~/concierge/shopDefaults";
import { stagesProblem } from "~/concierge/guardedRollout";
import { AppError } from "~/platform/errors.server";
import type { AdminContext } from "~/platform/adminRoute.server";
import type { RolloutStage, RolloutState } from "~/store/port";
import { updateRollout, type RolloutPatch } from "./rollout.server";

/** The storefront URL that shows the concierge to whoever opens it, whatever the rollout (while the token lives). */
export function previewLink(shop: string, token: string | null): string | null {
  return token ? `https://${shop}/?concierge_preview=${encodeURIComponent(token)}` : null;
}

async function change(ctx: AdminContext, seen: string, patch: RolloutPatch, action: string, reason?: string) {
  const saved = await updateRollout(ctx.runtime.store, ctx.shop.shop, patch, ctx.staff.userId, ctx.now, {
    ifUpdatedAt: seen,
    action,
    reason,
  });
  return saved.rollout;
}

export function setKillSwitch(ctx: AdminContext, seen: string, enabled: boolean) {
  return change(ctx, seen, { enabled }, enabled ? "rollout.enabled" : "rollout.killed");
}

export function setPercent(ctx: AdminContext, seen: string, percent: number) {
  return change(ctx, seen, { percent }, "rollout.percent");
}

/** One id or email per line or comma; emails lower-cased, duplicates dropped. */
export function parseAllowlist(text: string): RolloutState["allowlist"] {
  const entries = [
    ...new Set(
      text
        .split(/[\n,]+/)
        .map((e) => e.trim())
        .filter(Boolean),
    ),
  ];
  const emails = entries.filter((e) => e.includes("@")).map((e) => e.toLowerCase());
  const customerIds = entries.filter((e) => !e.includes("@"));
  if (entries.length > 500) throw new AppError("validation.failed", 400, "Keep the allowlist under 500 entries.");
  for (const id of customerIds) {
    if (!/^(gid:\/\/shopify\/Customer\/)?\d{1,20}$/.test(id)) {
      throw new AppError("validation.failed", 400, `“${id.slice(0, 40)}” is neither a customer id nor an email.`);
    }
  }
  return { customerIds, emails: [...new Set(emails)] };
}

export function setAllowlist(ctx: AdminContext, seen: string, text: string) {
  return change(ctx, seen, { allowlist: parseAllowlist(text) }, "rollout.allowlist");
}

export function setPreview(ctx: AdminContext, seen: string, on: boolean) {
  const previewToken = on ? randomBytes(12).toString("base64url") : null;
  return change(ctx, seen, { previewToken }, on ? "rollout.preview_created" : "rollout.preview_revoked");
}

function guardedOf(rollout: RolloutState): NonNullable<RolloutState["guarded"]> {
  return (
    rollout.guarded ?? {
      active: false,
      stageIndex: 0,
      stageStartedAt: null,
      stages: DEFAULT_ROLLOUT_STAGES.map((s) => ({ ...s })),
      paused: null,
    }
  );
}

export function saveStages(ctx: AdminContext, seen: string, stages: RolloutStage[]) {
  const problem = stagesProblem(stages);
  if (problem) throw new AppError("validation.failed", 400, problem);
  const guarded = guardedOf(ctx.shop.rollout);
  if (guarded.active)
    throw new AppError("rollout.guarded_running", 409, "Stop the guarded rollout before editing its stages.");
  return change(ctx, seen, { guarded: { ...guarded, stages } }, "rollout.guarded.stages");
}

export function startGuarded(ctx: AdminContext, seen: string) {
  const guarded = guardedOf(ctx.shop.rollout);
  const first = guarded.stages[0];
  return change(
    ctx,
    seen,
    {
      enabled: true,
      percent: first.percent,
      guarded: { ...guarded, active: true, stageIndex: 0, stageStartedAt: ctx.now.toISOString(), paused: null },
    },
    "rollout.guarded.start",
    `Started at stage ${first.name}.`,
  );
}

export function pauseGuarded(ctx: AdminContext, seen: string) {
  const guarded = guardedOf(ctx.shop.rollout);
  if (!guarded.active) throw new AppError("rollout.guarded_idle", 409, "No guarded rollout is running.");
  const reason = `Paused by ${ctx.staff.name}.`;
  return change(
    ctx,
    seen,
    { guarded: { ...guarded, paused: { at: ctx.now.toISOString(), reason } } },
    "rollout.guarded.pause",
    reason,
  );
}

/** Resuming restarts the stage's clock: its gates are judged on what happens from now on. */
export function resumeGuarded(ctx: AdminContext, seen: string) {
  const guarded = guardedOf(ctx.shop.rollout);
  if (!guarded.active) throw new AppError("rollout.guarded_idle", 409, "No guarded rollout is running.");
  return change(
    ctx,
    seen,
    { enabled: true, guarded: { ...guarded, paused: null, stageStartedAt: ctx.now.toISOString() } },
    "rollout.guarded.resume",
  );
}

export function advanceGuarded(ctx: AdminContext, seen: string) {
  const guarded = guardedOf(ctx.shop.rollout);
  if (!guarded.active) throw new AppError("rollout.guarded_idle", 409, "No guarded rollout is running.");
  const next = guarded.stageIndex + 1;
  if (next >= guarded.stages.length) throw new AppError("rollout.guarded_last", 409, "This is already the last stage.");
  const last = next === guarded.stages.length - 1;
  return change(
    ctx,
    seen,
    {
      percent: guarded.stages[next].percent,
      guarded: { ...guarded, active: !last, stageIndex: next, stageStartedAt: ctx.now.toISOString(), paused: null },
    },
    "rollout.guarded.advance",
    `Advanced by ${ctx.staff.name} to stage ${guarded.stages[next].name}.`,
  );
}

export function stopGuarded(ctx: AdminContext, seen: string) {
  const guarded = guardedOf(ctx.shop.rollout);
  return change(ctx, seen, { guarded: { ...guarded, active: false, paused: null } }, "rollout.guarded.stop");
}
