// The understanding step: one shopper message (plus the conversation's context) → {intent, confidence, entities}.
// Pure and synchronous; all regular expressions are compiled at module load. Rules: UNDERSTANDING.md.
import { type Entities, type Intent, type Understanding, type UnderstandingContext } from "./types";
import { analyse, fold, normalise } from "./normalise";
import { type Extraction, extractEntities, normaliseOrderNumber, takeEmail } from "./entities";
import { type ServiceIntent, type Signals, SERVICE_INTENTS, STRONG, readSignals } from "./intents";
import { type Command, parseCommand } from "./commands";
import { resolveProduct } from "./context";

export * from "./types";
export { normalise, fold, analyse } from "./normalise";

/** Confidence levels: ≥ 0.7 acts directly, below that the concierge confirms with quick replies. */
const C = {
  command: 0.99,
  explicitOrder: 0.95,
  bareOrder: 0.85,
  awaiting: 0.95,
  orderInContext: 0.9,
  serviceStrong: 0.92,
  serviceContested: 0.8,
  serviceWeak: 0.6,
  greeting: 0.95,
  greetingLong: 0.8,
  thanks: 0.92,
  thanksWeak: 0.75,
  sizeOnly: 0.6,
  sizeAnswer: 0.85,
  clarify: 0.2,
  empty: 0.1,
} as const;

/** The most a spelling correction may lower confidence by (UNDERSTANDING.md, second release). */
const CORRECTION_COST = 0.1;

const BARE_SIZE_RE = /^(?:size |a |an |im a |i am a |i am |im |its |it is |maybe |probably )?(\d{1,2}(?:\.\d{1,2})?)$/;
const COMMAND_ORDER_RE = /^#?\s?[a-z0-9-]*\d[a-z0-9-]*$/;
const COMMAND_NUMBER_RE = /^\$?\s?\d/;
const HAS_DIGIT_RE = /\d/;
/** Intents after which a plain number is an order reference: the concierge has just asked about an order. */
const ORDER_CONTEXTS = new Set<Intent>(["track_order", "return_exchange", "sizing", "care_warranty"]);

function result(
  intent: Intent,
  confidence: number,
  entities: Entities,
  terms: string[],
  reason: string,
  extra: Partial<Understanding> = {},
): Understanding {
  return { intent, confidence, entities, terms, reason, ...extra };
}

/** The strongest service intent other than the excluded ones, precedence order breaking ties. */
function bestService(sig: Signals, exclude: readonly ServiceIntent[]): ServiceIntent | undefined {
  let best: ServiceIntent | undefined;
  let score = 0;
  for (const i of SERVICE_INTENTS) {
    const s = sig.service[i] ?? 0;
    if (s > score && !exclude.includes(i)) {
      best = i;
      score = s;
    }
  }
  return best;
}

function serviceConfidence(sig: Signals, intent: ServiceIntent): number {
  if ((sig.service[intent] ?? 0) < STRONG) return C.serviceWeak;
  return sig.strongCount > 1 ? C.serviceContested : C.serviceStrong;
}

/** Product strength: a category or a request phrase together with something else is a clear product ask. */
function clearProductAsk(ex: Extraction, sig: Signals): boolean {
  const e = ex.entities;
  const filters = [
    e.category,
    e.metal,
    e.priceMin ?? e.priceMax,
    e.readyToShip,
    e.gift,
    e.excludeMetals ?? e.excludeCategories,
    e.ringSize,
  ].filter((v) => v !== undefined).length;
  const strength = filters + (sig.request ? 1 : 0) + (ex.terms.length ? 1 : 0);
  return (e.category !== undefined || sig.request || filters >= 3) && strength >= 2;
}

function decide(norm: string, ex: Extraction, sig: Signals, ctx: UnderstandingContext): Understanding {
  const e = ex.entities;
  const terms = ex.terms;
  const strongOther = (allowed: readonly ServiceIntent[]) =>
    SERVICE_INTENTS.some((i) => !allowed.includes(i) && sig.service[i] === STRONG);

  // 1. The concierge asked for something and this is the answer.
  if (ctx.awaiting === "order_number" || ctx.awaiting === "return_order") {
    if (!e.orderNumber && ex.looseNumbers.length) e.orderNumber = normaliseOrderNumber(ex.looseNumbers[0]);
    if (e.orderNumber && !strongOther(["track_order", "return_exchange"])) {
      const intent: Intent =
        ctx.awaiting === "return_order" || ctx.lastIntent === "return_exchange" || sig.service.return_exchange
          ? "return_exchange"
          : "track_order";
      return result(intent, C.awaiting, e, terms, "context:awaiting");
    }
  }
  if (
    ctx.awaiting === "order_contact" &&
    (e.email || e.postalCode) &&
    !strongOther(["track_order", "return_exchange"])
  ) {
    const last = ctx.lastIntent;
    const intent: Intent =
      last === "return_exchange" || last === "sizing" || last === "care_warranty" ? last : "track_order";
    return result(intent, C.awaiting, e, terms, "context:awaiting");
  }

  // 2. An order reference: a service intent says what to do with it, otherwise it is tracking.
  let orderRef: "explicit" | "bare" | "contextual" | null = ex.orderRef;
  const orderContext = ctx.lastIntent !== undefined && ORDER_CONTEXTS.has(ctx.lastIntent);
  if (
    !e.orderNumber &&
    ex.looseNumbers.length &&
    (sig.service.track_order || sig.service.return_exchange || orderContext)
  ) {
    e.orderNumber = normaliseOrderNumber(ex.looseNumbers[0]);
    orderRef = "contextual";
  }
  if (e.orderNumber) {
    const other = bestService(sig, ["track_order", "faq"]);
    if (other) {
      const conf = sig.service[other] === STRONG ? C.explicitOrder : C.serviceContested;
      return result(other, conf, e, terms, `order_reference+keyword:${other}`);
    }
    // Right after a returns/sizing/care question, a plain order reference answers it ("it's 1017").
    const last = ctx.lastIntent;
    if (
      sig.service.track_order !== STRONG &&
      (last === "return_exchange" || last === "sizing" || last === "care_warranty")
    ) {
      return result(last, C.orderInContext, e, terms, `order_reference+context:${last}`);
    }
    // A bare plain number is a weaker reference than "#1042" or "order 1042"; three digits weaker still.
    const conf =
      orderRef === "explicit" || sig.service.track_order
        ? C.explicitOrder
        : e.orderNumber.length >= 4
          ? C.bareOrder
          : C.serviceWeak;
    return result("track_order", conf, e, terms, "order_reference");
  }

  // 3. Service keywords outrank product attributes; weak ones yield to a clear product ask.
  const svc = sig.best;
  if (svc) {
    const weak = sig.bestScore < STRONG;
    const productWins =
      svc !== "customization" &&
      ((weak && (clearProductAsk(ex, sig) || (svc === "sizing" && e.ringSize !== undefined && !!ctx.filters))) ||
        (svc === "faq" && sig.request && e.category !== undefined));
    if (!productWins) return result(svc, serviceConfidence(sig, svc), e, terms, `keyword:${svc}`);
  }

  // 4–5. Product attributes and request phrasing, then carry-over from the last search.
  const product = resolveProduct(ex, sig, ctx);
  if (product) {
    const extra: Partial<Understanding> = { followUp: product.followUp };
    if (product.sort) extra.sort = product.sort;
    return result("find_product", product.confidence, product.entities, terms, product.reason, extra);
  }

  // A ring size on its own: a sizing remark ("I'm a 7"), or the answer to a sizing question.
  if (e.ringSize === undefined && ctx.lastIntent === "sizing") {
    const m = BARE_SIZE_RE.exec(norm);
    const v = m ? Number(m[1]) : NaN;
    if (v >= 1 && v <= 16 && Number.isInteger(v * 4)) e.ringSize = v;
  }
  if (e.ringSize !== undefined) {
    return result("sizing", ctx.lastIntent === "sizing" ? C.sizeAnswer : C.sizeOnly, e, terms, "entity:ringSize");
  }

  // 6. Greeting and thanks.
  if (sig.thanks === STRONG) return result("thanks", C.thanks, e, terms, "keyword:thanks");
  if (sig.greeting)
    return result("greeting", sig.words <= 5 ? C.greeting : C.greetingLong, e, terms, "keyword:greeting");
  // Acknowledgements ("great", "ok", "perfect") count only as short messages of their own.
  if (sig.thanks && sig.words <= 3) return result("thanks", C.thanksWeak, e, terms, "keyword:thanks");

  // 7. Nothing recognisable.
  return result("clarify", C.clarify, e, terms, "clarify");
}

/** Entities of a command argument; a bare leading number is read as the command says. */
function fromCommand(cmd: Command, ctx: UnderstandingContext): Understanding {
  const reason = `command:/${cmd.name}`;
  const entities: Entities = {};
  let terms: string[] = [];
  let arg = cmd.arg;
  const { email, rest } = takeEmail(arg);
  arg = normalise(rest);
  if (email) entities.email = email;

  if (arg) {
    if (cmd.bareNumber === "orderNumber" && COMMAND_ORDER_RE.test(arg)) {
      entities.orderNumber = normaliseOrderNumber(arg);
    } else {
      let text = arg;
      if (COMMAND_NUMBER_RE.test(arg)) {
        if (cmd.bareNumber === "priceMax") text = `under ${arg}`;
        else if (cmd.bareNumber === "ringSize") text = `size ${arg}`;
        else if (cmd.bareNumber === "orderNumber") text = `order ${arg}`;
      }
      const ex = extractEntities(text, { orderPrefix: ctx.orderPrefix });
      Object.assign(entities, ex.entities);
      terms = ex.terms;
      if (cmd.bareNumber !== "orderNumber" && ex.orderRef === "bare") delete entities.orderNumber;
    }
  }
  if (cmd.category) entities.category = cmd.category;
  if (cmd.gift) entities.gift = true;
  const extra: Partial<Understanding> = cmd.intent === "find_product" ? { followUp: "new" } : {};
  const confidence = cmd.intent === "clarify" ? 0.3 : C.command;
  return { ...result(cmd.intent, confidence, entities, terms, reason, extra), source: "rules" };
}

/**
 * Understands one shopper message. `context` carries what the conversation remembers: the last intent,
 * the last product filters, what the concierge is waiting for, and the shop's order-name prefix.
 */
export function understand(text: string, context?: UnderstandingContext): Understanding {
  const ctx: UnderstandingContext = context ?? {};
  const folded = fold(typeof text === "string" ? text : "");
  const cmd = parseCommand(folded);
  if (cmd) return fromCommand(cmd, ctx);

  const { email, rest } = takeEmail(folded);
  const { text: norm, lang, corrections } = analyse(rest);
  if (!norm && !email) return { ...result("clarify", C.empty, {}, [], "empty"), source: "rules", lang };
  const ex = extractEntities(norm, ctx, HAS_DIGIT_RE.test(rest), lang);
  if (email) ex.entities.email = email;
  const u = decide(norm, ex, readSignals(norm), ctx);
  // A corrected word is a guess: it may lower confidence, by at most CORRECTION_COST in all.
  if (corrections > 0 && u.intent !== "clarify") {
    u.confidence = Math.round((u.confidence - Math.min(corrections * 0.05, CORRECTION_COST)) * 100) / 100;
  }
  u.source = "rules";
  u.lang = lang;
  return u;
}

// The regex engine compiles each expression on its first use (~100 ms in all); pay that once at load
// time, not on a shopper's first message. The samples walk every extraction and keyword path.
for (const sample of [
  "hi, where's my order #1042? zip 90210-1234, jane@example.com",
  "rose gold rings under $500, size 7, ready to ship, gift for my wife",
  "14k gold necklaces between 1k and 2k or around 300, 18 inch",
  "return it, resize, clean, afterpay, talk to a human, engrave, shipping cost, thanks",
  "show me more cheaper ones instead, what about pearls",
  "/gift 300",
  "je cherche une bague en or rose à moins de 1.500 €, pas en argent, taille 54",
  "busco pulseras de plata entre 200 y 400 euros, sin oro, talla 14",
  "wo ist meine Bestellung Nr. 1042? Keine Ringe aus Weißgold, etwa 300 Euro, Größe 56",
  "trakcing my neklace pls, do you ship to 90210",
]) {
  understand(sample, { lastIntent: "find_product", filters: { category: "ring" } });
}
