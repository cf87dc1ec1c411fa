// The guarded rollout (PRODUCT.md §3): stages with gates the app checks itself. A stage is judged only once it has
// enough conversations; a breached gate pauses the rollout, a severe one (twice the limit) also rolls back a stage;
// a stage whose time is up and whose gates pass advances. Every decision carries a reason a merchant can read.

import type { RolloutStage, RolloutState } from "~/store/port";

export interface RolloutGates {
  /** Storefront answers with a 5xx, as a share of all storefront requests (0.02 = 2%). */
  maxErrorRate: number;
  maxP95Ms: number;
  minCsatAverage: number;
  /** Gates are judged only once the stage has this many conversations. */
  minConversations: number;
}

export const DEFAULT_GATES: RolloutGates = {
  maxErrorRate: 0.02,
  maxP95Ms: 800,
  minCsatAverage: 4.0,
  minConversations: 100,
};

/** What happened on the storefront since the stage started. */
export interface StageMetrics {
  conversations: number;
  requests: number;
  errors: number;
  p95Ms: number | null;
  csatCount: number;
  csatAverage: number | null;
}

/** Which gate a breach is of (the ops metric's label). */
export type GateName = "error_rate" | "p95_latency" | "csat";

export type GuardedDecision =
  | { kind: "idle" }
  | { kind: "hold"; reason: string }
  | { kind: "advance"; toStage: number; percent: number; reason: string }
  | { kind: "complete"; reason: string }
  | { kind: "pause"; reason: string; breaches: string[]; gates: GateName[] }
  | { kind: "rollback"; toStage: number; percent: number; reason: string; breaches: string[]; gates: GateName[] };

const DAY_MS = 24 * 60 * 60 * 1000;

function percentOf(rate: number): string {
  return `${(rate * 100).toFixed(rate < 0.1 ? 1 : 0)}%`;
}

function stageLabel(stage: RolloutStage): string {
  return stage.percent === 0 ? `${stage.name} (allowlist only)` : `${stage.name} (${stage.percent}%)`;
}

/** The gates this stage breaks, in words, and whether any is broken twice over. */
export function gateBreaches(
  metrics: StageMetrics,
  gates: RolloutGates,
): { breaches: string[]; severe: boolean; gates: GateName[] } {
  const breaches: string[] = [];
  const broken: GateName[] = [];
  let severe = false;
  if (metrics.requests > 0) {
    const rate = metrics.errors / metrics.requests;
    if (rate >= gates.maxErrorRate) {
      breaches.push(
        `error rate ${percentOf(rate)} (${metrics.errors} of ${metrics.requests} requests) is over the ${percentOf(gates.maxErrorRate)} limit`,
      );
      broken.push("error_rate");
      severe ||= rate >= 2 * gates.maxErrorRate;
    }
  }
  if (metrics.p95Ms !== null && metrics.p95Ms >= gates.maxP95Ms) {
    breaches.push(`p95 latency ${Math.round(metrics.p95Ms)} ms is over the ${gates.maxP95Ms} ms limit`);
    broken.push("p95_latency");
    severe ||= metrics.p95Ms >= 2 * gates.maxP95Ms;
  }
  if (metrics.csatAverage !== null && metrics.csatCount > 0 && metrics.csatAverage < gates.minCsatAverage) {
    breaches.push(
      `CSAT average ${metrics.csatAverage.toFixed(2)} (${metrics.csatCount} ratings) is under ${gates.minCsatAverage.toFixed(1)}`,
    );
    broken.push("csat");
  }
  return { breaches, severe, gates: broken };
}

/** What the evaluation job should do with a shop's guarded rollout now. */
export function evaluateGuardedRollout(input: {
  rollout: RolloutState;
  metrics: StageMetrics;
  now: Date;
  gates?: RolloutGates;
}): GuardedDecision {
  const { rollout, metrics, now } = input;
  const gates = input.gates ?? DEFAULT_GATES;
  const guarded = rollout.guarded;
  if (!guarded?.active || guarded.paused || !rollout.enabled) return { kind: "idle" };
  const stage = guarded.stages[guarded.stageIndex];
  if (!stage) return { kind: "idle" };
  const label = stageLabel(stage);

  if (metrics.conversations < gates.minConversations) {
    return {
      kind: "hold",
      reason: `Stage ${label}: waiting for ${gates.minConversations} conversations before judging the gates (${metrics.conversations} so far).`,
    };
  }

  const { breaches, severe, gates: broken } = gateBreaches(metrics, gates);
  if (breaches.length > 0) {
    const previous = guarded.stageIndex - 1;
    if (severe && previous >= 0) {
      const back = guarded.stages[previous];
      return {
        kind: "rollback",
        toStage: previous,
        percent: back.percent,
        breaches,
        gates: broken,
        reason: `Rolled back from ${label} to ${stageLabel(back)} and paused: ${breaches.join("; ")}.`,
      };
    }
    return { kind: "pause", breaches, gates: broken, reason: `Paused at ${label}: ${breaches.join("; ")}.` };
  }

  const startedAt = guarded.stageStartedAt ? Date.parse(guarded.stageStartedAt) : now.getTime();
  const dueAt = startedAt + stage.days * DAY_MS;
  if (now.getTime() < dueAt) {
    return { kind: "hold", reason: `Stage ${label}: gates pass; it runs until ${new Date(dueAt).toISOString()}.` };
  }
  const next = guarded.stageIndex + 1;
  const passed = `gates passed over ${metrics.conversations} conversations`;
  if (next >= guarded.stages.length) {
    return { kind: "complete", reason: `Guarded rollout complete after ${label}: ${passed}.` };
  }
  const nextStage = guarded.stages[next];
  return {
    kind: "advance",
    toStage: next,
    percent: nextStage.percent,
    reason: `Advanced from ${label} to ${stageLabel(nextStage)}: ${passed}.`,
  };
}

/** The rollout after a decision (null when nothing changes). Pure: the service stores and audits it. */
export function applyGuardedDecision(rollout: RolloutState, decision: GuardedDecision, now: Date): RolloutState | null {
  const guarded = rollout.guarded;
  if (!guarded) return null;
  const at = now.toISOString();
  switch (decision.kind) {
    case "idle":
    case "hold":
      return null;
    case "pause":
      return { ...rollout, guarded: { ...guarded, paused: { at, reason: decision.reason } }, updatedAt: at };
    case "rollback":
      return {
        ...rollout,
        percent: decision.percent,
        guarded: {
          ...guarded,
          stageIndex: decision.toStage,
          stageStartedAt: at,
          paused: { at, reason: decision.reason },
        },
        updatedAt: at,
      };
    case "advance": {
      const last = decision.toStage === guarded.stages.length - 1;
      // Entering the last stage finishes the rollout: it has no gate after it to wait for.
      return {
        ...rollout,
        percent: decision.percent,
        guarded: { ...guarded, active: !last, stageIndex: decision.toStage, stageStartedAt: at, paused: null },
        updatedAt: at,
      };
    }
    case "complete":
      return { ...rollout, guarded: { ...guarded, active: false, paused: null }, updatedAt: at };
  }
}

/** Stages a merchant may save: named, 0–100%, whole days, percentages never going down, 1 to 10 of them. */
export function stagesProblem(stages: RolloutStage[]): string | null {
  if (stages.length === 0 || stages.length > 10) return "Use between 1 and 10 stages.";
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i];
    if (!s.name.trim()) return `Stage ${i + 1} needs a name.`;
    if (!Number.isInteger(s.percent) || s.percent < 0 || s.percent > 100)
      return `Stage ${i + 1}: percent must be a whole number from 0 to 100.`;
    if (!Number.isInteger(s.days) || s.days < 0 || s.days > 90)
      return `Stage ${i + 1}: days must be a whole number from 0 to 90.`;
    if (i > 0 && s.percent < stages[i - 1].percent)
      return `Stage ${i + 1} must not reach fewer visitors than stage ${i}.`;
  }
  return null;
}
