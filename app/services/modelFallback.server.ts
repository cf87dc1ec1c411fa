// The optional language model behind the rules (UNDERSTANDING.md, second release): asked only when the rules end
// in `clarify` or below 0.5 confidence on a message of three words or more. Personal details are masked before
// sending; a timeout, a circuit breaker, a cache keyed by the normalised text and a per-shop daily budget bound it;
// every call is counted by outcome. Whatever goes wrong, the rules' answer stands.

import { z } from "zod";
import { normaliseOrderNumber } from "~/concierge/orderNumber";
import { type Entities, fold, INTENTS, normalise, type Understanding } from "~/concierge/understanding";
import { MODEL_SYSTEM_PROMPT } from "~/concierge/understanding/modelPrompt";
import { type Masked, maskPersonal, restorePersonal } from "~/concierge/understanding/privacy";
import { productFilters } from "~/contract/storefront";
import { type LanguageModel } from "~/platform/languageModel.server";
import type { LANGUAGE_MODEL_OUTCOMES } from "~/platform/metrics.server";

export type ModelOutcome = (typeof LANGUAGE_MODEL_OUTCOMES)[number];

/** Below this the rules are unsure enough to ask; a reading the model gives acts directly. */
const ASK_BELOW = 0.5;
const MODEL_CONFIDENCE = 0.75;
const MIN_WORDS = 3;

// The entities the widget may send back as search filters, plus the contact details (as placeholders).
const answerSchema = z.object({
  intent: z.enum(INTENTS),
  entities: productFilters
    .extend({
      orderNumber: z.string().max(40).optional(),
      email: z.string().max(254).optional(),
      postalCode: z.string().max(20).optional(),
    })
    .optional(),
});
type ModelAnswer = z.infer<typeof answerSchema>;

/** Models often write `null` for "not said": the same as leaving the field out. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}

/** The model's JSON text as an answer, or null when it is not one (the rules' answer then stands). */
export function parseModelAnswer(content: string): ModelAnswer | null {
  let json: unknown;
  try {
    // Some servers wrap the object in a ```json fence even when asked for JSON only.
    json = JSON.parse(content.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, ""));
  } catch {
    return null;
  }
  const parsed = answerSchema.safeParse(withoutNulls(json));
  return parsed.success ? parsed.data : null;
}

export const shouldAskModel = (text: string, rules: Understanding): boolean =>
  (rules.intent === "clarify" || rules.confidence < ASK_BELOW) && text.trim().split(/\s+/).length >= MIN_WORDS;

/**
 * The model's reading merged with the rules': the model gives the intent and what the rules missed; whatever the
 * rules extracted (numbers, contact details) stands. A contact detail is taken from the model only when it is one
 * of the placeholders it was given, so it can never invent one.
 */
export function mergeModelAnswer(rules: Understanding, answer: ModelAnswer, masked: Masked): Understanding {
  if (answer.intent === "clarify") return rules;
  const { orderNumber, email, postalCode, ...words } = answer.entities ?? {};
  const entities: Entities = { ...words };
  const restored = (value: string | undefined) => {
    if (value === undefined || !value.includes("[")) return undefined;
    return restorePersonal(value, masked);
  };
  const order = restored(orderNumber);
  if (order) entities.orderNumber = normaliseOrderNumber(order);
  const mail = restored(email);
  if (mail) entities.email = mail.toLowerCase();
  const zip = restored(postalCode);
  if (zip) entities.postalCode = zip.toUpperCase();
  Object.assign(entities, rules.entities);
  return {
    intent: answer.intent,
    confidence: MODEL_CONFIDENCE,
    entities,
    terms: rules.terms,
    reason: "model",
    source: "model",
    ...(answer.intent === "find_product" ? { followUp: "new" as const } : {}),
    ...(rules.lang ? { lang: rules.lang } : {}),
  };
}

export interface ModelFallbackOptions {
  model: LanguageModel;
  timeoutMs: number;
  /** Calls to the model per shop per UTC day; cached answers are free. */
  dailyBudget: number;
  /** Consecutive failures that open the breaker, and how long it stays open. */
  breakerFailures?: number;
  breakerCooldownMs?: number;
  cacheSize?: number;
  now?: () => number;
  /** Counts every call by outcome (metrics). */
  record?: (outcome: ModelOutcome, seconds?: number) => void;
}

export interface ModelFallback {
  /** The rules' answer, or the model's when the rules could not read the message and the model could. */
  read(shop: string, text: string, rules: Understanding): Promise<Understanding>;
}

export function createModelFallback(options: ModelFallbackOptions): ModelFallback {
  const now = options.now ?? Date.now;
  const record = options.record ?? (() => undefined);
  const breakerFailures = options.breakerFailures ?? 3;
  const cooldownMs = options.breakerCooldownMs ?? 30_000;
  const cacheSize = options.cacheSize ?? 500;
  const cache = new Map<string, ModelAnswer | null>();
  const budgets = new Map<string, { day: string; used: number }>();
  let failures = 0;
  let openUntil = 0;
  let trialInFlight = false;

  const remember = (key: string, answer: ModelAnswer | null) => {
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(key, answer);
  };

  /** Spends one call of the shop's budget for today, or says there is none left. */
  function spend(shop: string): boolean {
    const day = new Date(now()).toISOString().slice(0, 10);
    const budget = budgets.get(shop);
    if (!budget || budget.day !== day) {
      budgets.set(shop, { day, used: 1 });
      return options.dailyBudget >= 1;
    }
    if (budget.used >= options.dailyBudget) return false;
    budget.used++;
    return true;
  }

  /** Closed, open, or half-open with one trial call allowed through. */
  function breakerAllows(): boolean {
    if (failures < breakerFailures) return true;
    if (now() < openUntil || trialInFlight) return false;
    trialInFlight = true;
    return true;
  }

  function settle(ok: boolean): void {
    trialInFlight = false;
    if (ok) {
      failures = 0;
      return;
    }
    failures++;
    if (failures >= breakerFailures) openUntil = now() + cooldownMs;
  }

  async function ask(masked: Masked): Promise<{ outcome: ModelOutcome; answer: ModelAnswer | null }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    const started = now();
    try {
      const content = await options.model.complete({
        system: MODEL_SYSTEM_PROMPT,
        user: masked.text,
        signal: controller.signal,
      });
      const answer = parseModelAnswer(content);
      // An answer that is not the shape asked for is the model's fault, not the service's: the breaker stays shut.
      settle(true);
      record(answer ? "used" : "invalid", (now() - started) / 1000);
      return { outcome: answer ? "used" : "invalid", answer };
    } catch {
      settle(false);
      const outcome: ModelOutcome = controller.signal.aborted ? "timeout" : "error";
      record(outcome, (now() - started) / 1000);
      return { outcome, answer: null };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async read(shop, text, rules) {
      if (!shouldAskModel(text, rules)) return rules;
      const masked = maskPersonal(text);
      const key = normalise(fold(masked.text));
      if (cache.has(key)) {
        record("cached");
        const cached = cache.get(key);
        return cached ? mergeModelAnswer(rules, cached, masked) : rules;
      }
      if (!breakerAllows()) {
        record("breaker_open");
        return rules;
      }
      if (!spend(shop)) {
        trialInFlight = false;
        record("over_budget");
        return rules;
      }
      const { outcome, answer } = await ask(masked);
      // A valid answer, or a valid "not that shape", is worth remembering; a timeout or an outage is not.
      if (outcome === "used" || outcome === "invalid") remember(key, answer);
      return answer ? mergeModelAnswer(rules, answer, masked) : rules;
    },
  };
}
