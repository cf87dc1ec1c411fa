// Helpers for the understanding tests: dialogue-like context between turns and a table-case checker.
import { describe, expect, it } from "vitest";
import {
  type Entities,
  type FollowUp,
  type Intent,
  type ProductFilters,
  type Understanding,
  type UnderstandingContext,
  understand,
} from "~/concierge/understanding";
import { pickFilters } from "~/concierge/understanding/context";

/** The product filters among a set of entities (the dialogue keeps these between turns). */
export const productFilters = (e: Entities): ProductFilters => pickFilters(e);

/**
 * The context a dialogue builds after a turn: the last intent, and the last product filters (replaced when
 * the turn was a product search, kept otherwise, as the conversation remembers its last search).
 */
export function nextContext(prev: UnderstandingContext, u: Understanding): UnderstandingContext {
  return {
    ...prev,
    awaiting: null,
    lastIntent: u.intent,
    filters: u.intent === "find_product" ? productFilters(u.entities) : prev.filters,
  };
}

/** Feeds every turn through `understand`, threading the context; returns the understanding of the last. */
export function understandTurns(turns: readonly string[], base: UnderstandingContext = {}): Understanding {
  let ctx: UnderstandingContext = { ...base };
  let last: Understanding | undefined;
  for (const t of turns) {
    last = understand(t, ctx);
    ctx = nextContext(ctx, last);
  }
  if (!last) throw new Error("no turns");
  return last;
}

export interface Case {
  text?: string;
  turns?: string[];
  context?: UnderstandingContext;
  intent: Intent;
  /** Entities that must be present with these values (numbers within 0.5). */
  entities?: Partial<Entities>;
  /** Entities that must not be present. */
  absent?: (keyof Entities)[];
  followUp?: FollowUp;
  minConfidence?: number;
  maxConfidence?: number;
  terms?: string[];
  sort?: Understanding["sort"];
}

/** Runs one case and asserts everything it states. */
export function runCase(c: Case): Understanding {
  const u = c.turns ? understandTurns(c.turns, c.context) : understand(c.text ?? "", c.context);
  const label = JSON.stringify(c.turns ?? c.text);
  expect(u.intent, `${label} intent (got ${JSON.stringify(u)})`).toBe(c.intent);
  for (const [k, v] of Object.entries(c.entities ?? {})) {
    const got = u.entities[k as keyof Entities];
    if (typeof v === "number") {
      expect(typeof got, `${label} ${k} (got ${JSON.stringify(u.entities)})`).toBe("number");
      expect(Math.abs((got as number) - v), `${label} ${k}=${String(got)} want ${v}`).toBeLessThanOrEqual(0.5);
    } else if (Array.isArray(v)) {
      // Exclusion lists: the same members, in any order.
      expect([...((got as unknown[]) ?? [])].sort(), `${label} ${k} (got ${JSON.stringify(u.entities)})`).toEqual(
        [...v].sort(),
      );
    } else {
      expect(got, `${label} ${k} (got ${JSON.stringify(u.entities)})`).toBe(v);
    }
  }
  for (const k of c.absent ?? []) {
    expect(u.entities[k], `${label} must not have ${k} (got ${JSON.stringify(u.entities)})`).toBeUndefined();
  }
  if (c.followUp) expect(u.followUp, `${label} followUp`).toBe(c.followUp);
  if (c.minConfidence !== undefined)
    expect(u.confidence, `${label} confidence`).toBeGreaterThanOrEqual(c.minConfidence);
  if (c.maxConfidence !== undefined) expect(u.confidence, `${label} confidence`).toBeLessThan(c.maxConfidence);
  for (const t of c.terms ?? []) expect(u.terms, `${label} terms`).toContain(t);
  if (c.sort) expect(u.sort, `${label} sort`).toBe(c.sort);
  return u;
}

/** A readable test name for a case. */
export const caseName = (c: Case) => (c.turns ? c.turns.join(" → ") : JSON.stringify(c.text));

/** A single-message case. */
export const c = (text: string, intent: Intent, entities?: Partial<Entities>, absent?: (keyof Entities)[]): Case => ({
  text,
  intent,
  entities,
  absent,
});

/** A named table of cases, one test each. */
export function table(title: string, cases: Case[]): void {
  describe(title, () => {
    it.each(cases.map((x) => [caseName(x), x] as const))("%s", (_n, x) => {
      runCase(x);
    });
  });
}
