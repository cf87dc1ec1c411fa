// The guarded rollout's judgement: gates judged only with enough conversations, a breach pauses, a severe one
// rolls back a stage, a stage that ran its days with passing gates advances, and each decision says why.

import { describe, expect, it } from "vitest";
import {
  applyGuardedDecision,
  DEFAULT_GATES,
  evaluateGuardedRollout,
  gateBreaches,
  stagesProblem,
  type StageMetrics,
} from "~/concierge/guardedRollout";
import { DEFAULT_ROLLOUT_STAGES } from "~/concierge/shopDefaults";
import type { RolloutState } from "~/store/port";

const DAY = 24 * 60 * 60 * 1000;
const started = new Date("2025-03-01T00:00:00.000Z");
const after = (days: number) => new Date(started.getTime() + days * DAY);

function rollout(stageIndex: number, overrides: Partial<NonNullable<RolloutState["guarded"]>> = {}): RolloutState {
  return {
    enabled: true,
    percent: DEFAULT_ROLLOUT_STAGES[stageIndex].percent,
    allowlist: { customerIds: [], emails: [] },
    previewToken: null,
    guarded: {
      active: true,
      stageIndex,
      stageStartedAt: started.toISOString(),
      stages: DEFAULT_ROLLOUT_STAGES.map((s) => ({ ...s })),
      paused: null,
      ...overrides,
    },
    updatedAt: started.toISOString(),
  };
}

const healthy: StageMetrics = {
  conversations: 150,
  requests: 5000,
  errors: 10,
  p95Ms: 120,
  csatCount: 40,
  csatAverage: 4.5,
};

describe("evaluateGuardedRollout", () => {
  it("holds without judging until the stage has 100 conversations, even with bad numbers", () => {
    const d = evaluateGuardedRollout({
      rollout: rollout(1),
      metrics: { ...healthy, conversations: 99, errors: 4000 },
      now: after(5),
    });
    expect(d).toEqual({
      kind: "hold",
      reason: "Stage 10% (10%): waiting for 100 conversations before judging the gates (99 so far).",
    });
  });

  it("pauses on an error rate over 2% (at 2× or more it also rolls back a stage)", () => {
    const paused = evaluateGuardedRollout({ rollout: rollout(1), metrics: { ...healthy, errors: 150 }, now: after(1) });
    expect(paused).toEqual({
      kind: "pause",
      breaches: ["error rate 3.0% (150 of 5000 requests) is over the 2.0% limit"],
      gates: ["error_rate"],
      reason: "Paused at 10% (10%): error rate 3.0% (150 of 5000 requests) is over the 2.0% limit.",
    });
    const severe = evaluateGuardedRollout({ rollout: rollout(2), metrics: { ...healthy, errors: 250 }, now: after(1) });
    expect(severe).toMatchObject({ kind: "rollback", toStage: 1, percent: 10 });
    expect(severe.kind === "rollback" && severe.reason).toBe(
      "Rolled back from 25% (25%) to 10% (10%) and paused: error rate 5.0% (250 of 5000 requests) is over the 2.0% limit.",
    );
    // The first stage has nothing to roll back to: it pauses.
    expect(
      evaluateGuardedRollout({ rollout: rollout(0), metrics: { ...healthy, errors: 500 }, now: after(1) }).kind,
    ).toBe("pause");
  });

  it("pauses on p95 latency of 800 ms or more, and on a CSAT average under 4.0", () => {
    const slow = evaluateGuardedRollout({ rollout: rollout(1), metrics: { ...healthy, p95Ms: 950 }, now: after(1) });
    expect(slow.kind === "pause" && slow.breaches).toEqual(["p95 latency 950 ms is over the 800 ms limit"]);
    const unhappy = evaluateGuardedRollout({
      rollout: rollout(1),
      metrics: { ...healthy, csatAverage: 3.6 },
      now: after(1),
    });
    expect(unhappy.kind === "pause" && unhappy.breaches).toEqual(["CSAT average 3.60 (40 ratings) is under 4.0"]);
    expect(unhappy.kind === "pause" && unhappy.gates).toEqual(["csat"]);
    const both = gateBreaches({ ...healthy, errors: 150, p95Ms: 1700 }, DEFAULT_GATES);
    expect(both.breaches).toHaveLength(2);
    expect(both.severe).toBe(true);
    expect(both.gates).toEqual(["error_rate", "p95_latency"]);
  });

  it("advances when the stage ran its days with passing gates; holds before that", () => {
    expect(evaluateGuardedRollout({ rollout: rollout(1), metrics: healthy, now: after(3.9) }).kind).toBe("hold");
    const d = evaluateGuardedRollout({ rollout: rollout(1), metrics: healthy, now: after(4) });
    expect(d).toEqual({
      kind: "advance",
      toStage: 2,
      percent: 25,
      reason: "Advanced from 10% (10%) to 25% (25%): gates passed over 150 conversations.",
    });
  });

  it("does nothing while paused, stopped or killed", () => {
    const when = { metrics: { ...healthy, errors: 999 }, now: after(9) };
    expect(
      evaluateGuardedRollout({ rollout: rollout(1, { paused: { at: started.toISOString(), reason: "x" } }), ...when }),
    ).toEqual({ kind: "idle" });
    expect(evaluateGuardedRollout({ rollout: rollout(1, { active: false }), ...when })).toEqual({ kind: "idle" });
    expect(evaluateGuardedRollout({ rollout: { ...rollout(1), enabled: false }, ...when })).toEqual({ kind: "idle" });
  });

  it("judges missing numbers as not breached: no requests, no latency, no ratings", () => {
    const quiet: StageMetrics = {
      conversations: 120,
      requests: 0,
      errors: 0,
      p95Ms: null,
      csatCount: 0,
      csatAverage: null,
    };
    expect(evaluateGuardedRollout({ rollout: rollout(1), metrics: quiet, now: after(4) }).kind).toBe("advance");
  });
});

describe("applyGuardedDecision", () => {
  const now = after(4);
  it("advancing moves stage, percent and clock; entering the last stage completes the rollout", () => {
    const next = applyGuardedDecision(rollout(1), { kind: "advance", toStage: 2, percent: 25, reason: "r" }, now)!;
    expect(next.percent).toBe(25);
    expect(next.guarded).toMatchObject({
      active: true,
      stageIndex: 2,
      stageStartedAt: now.toISOString(),
      paused: null,
    });
    const done = applyGuardedDecision(rollout(3), { kind: "advance", toStage: 4, percent: 100, reason: "r" }, now)!;
    expect(done.percent).toBe(100);
    expect(done.guarded).toMatchObject({ active: false, stageIndex: 4 });
  });

  it("pausing keeps the percentage; rolling back lowers it; both record when and why", () => {
    const paused = applyGuardedDecision(rollout(2), { kind: "pause", reason: "why", breaches: [], gates: [] }, now)!;
    expect(paused.percent).toBe(25);
    expect(paused.guarded!.paused).toEqual({ at: now.toISOString(), reason: "why" });
    const back = applyGuardedDecision(
      rollout(2),
      { kind: "rollback", toStage: 1, percent: 10, reason: "why", breaches: [], gates: [] },
      now,
    )!;
    expect(back.percent).toBe(10);
    expect(back.guarded).toMatchObject({ stageIndex: 1, paused: { reason: "why" } });
    expect(applyGuardedDecision(rollout(2), { kind: "hold", reason: "x" }, now)).toBeNull();
  });
});

describe("stagesProblem", () => {
  it("accepts the defaults and refuses stages a merchant could not mean", () => {
    expect(stagesProblem(DEFAULT_ROLLOUT_STAGES)).toBeNull();
    expect(stagesProblem([])).toMatch(/between 1 and 10/);
    expect(stagesProblem([{ name: " ", percent: 0, days: 1 }])).toMatch(/needs a name/);
    expect(stagesProblem([{ name: "a", percent: 101, days: 1 }])).toMatch(/0 to 100/);
    expect(stagesProblem([{ name: "a", percent: 10, days: 1.5 }])).toMatch(/whole number/);
    expect(
      stagesProblem([
        { name: "a", percent: 50, days: 1 },
        { name: "b", percent: 10, days: 1 },
      ]),
    ).toMatch(/fewer visitors/);
  });
});
