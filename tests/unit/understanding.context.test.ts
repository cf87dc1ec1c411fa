// Conversation context (refinements, paging, new searches, answers to the concierge's questions) and
// slash commands of the understanding step.
import { describe, expect, it } from "vitest";
import { type Entities, type FollowUp, type Intent, understand } from "~/concierge/understanding";
import { type Case, caseName, runCase, understandTurns } from "./understanding.helpers";

const t = (
  turns: string[],
  intent: Intent,
  entities: Partial<Entities>,
  followUp?: FollowUp,
  absent: (keyof Entities)[] = [],
): Case => ({ turns, intent, entities, followUp, absent });

function table(title: string, cases: Case[]) {
  describe(title, () => {
    it.each(cases.map((x) => [caseName(x), x] as const))("%s", (_n, x) => {
      runCase(x);
    });
  });
}

table("paging the same search", [
  t(["yellow gold earrings", "show me more"], "find_product", { category: "earring", metal: "yellow_gold" }, "more"),
  t(["yellow gold earrings", "more options"], "find_product", { category: "earring", metal: "yellow_gold" }, "more"),
  t(["yellow gold earrings", "more"], "find_product", { category: "earring" }, "more"),
  t(["yellow gold earrings", "next"], "find_product", { category: "earring" }, "more"),
  t(["yellow gold earrings", "next page please"], "find_product", { category: "earring" }, "more"),
  t(["yellow gold earrings", "another"], "find_product", { category: "earring" }, "more"),
  t(["yellow gold earrings", "another one"], "find_product", { category: "earring" }, "more"),
  t(["yellow gold earrings", "any others?"], "find_product", { category: "earring" }, "more"),
  t(["yellow gold earrings", "what else do you have"], "find_product", { category: "earring" }, "more"),
  t(["rings under 500", "Show me more!"], "find_product", { category: "ring", priceMax: 500 }, "more"),
  t(["rings under 500", "see more"], "find_product", { category: "ring", priceMax: 500 }, "more"),
  t(["ready to ship necklaces", "load more"], "find_product", { category: "necklace", readyToShip: true }, "more"),
  t(["gold rings under 900", "more rings"], "find_product", { category: "ring", metal: "gold", priceMax: 900 }, "more"),
  t(
    ["gold rings under 900", "more necklaces"],
    "find_product",
    { category: "necklace", metal: "gold", priceMax: 900 },
    "refine",
  ),
]);

table("refining one filter and keeping the others", [
  t(
    ["rose gold rings under 800", "in platinum instead"],
    "find_product",
    { category: "ring", metal: "platinum", priceMax: 800 },
    "refine",
  ),
  t(
    ["rose gold rings under 800", "platinum"],
    "find_product",
    { category: "ring", metal: "platinum", priceMax: 800 },
    "refine",
  ),
  t(["yellow gold earrings", "in silver"], "find_product", { category: "earring", metal: "silver" }, "refine"),
  t(
    ["yellow gold earrings", "do you have them in white gold"],
    "find_product",
    { category: "earring", metal: "white_gold" },
    "refine",
  ),
  t(
    ["platinum rings over 2000", "what about bracelets"],
    "find_product",
    { category: "bracelet", metal: "platinum", priceMin: 2000 },
    "refine",
  ),
  t(
    ["platinum rings over 2000", "how about necklaces?"],
    "find_product",
    { category: "necklace", metal: "platinum", priceMin: 2000 },
    "refine",
  ),
  t(["platinum rings over 2000", "necklaces"], "find_product", { category: "necklace", metal: "platinum" }, "refine"),
  t(
    ["ready to ship necklaces", "under 400"],
    "find_product",
    { category: "necklace", readyToShip: true, priceMax: 400 },
    "refine",
  ),
  t(
    ["ready to ship necklaces", "over 200"],
    "find_product",
    { category: "necklace", readyToShip: true, priceMin: 200 },
    "refine",
  ),
  t(["rings under 500", "over 200"], "find_product", { category: "ring", priceMin: 200, priceMax: 500 }, "refine"),
  t(["rings over 2000", "under 500"], "find_product", { category: "ring", priceMax: 500 }, "refine", ["priceMin"]),
  t(
    ["gold hoops", "between 100 and 300"],
    "find_product",
    { category: "earring", metal: "gold", priceMin: 100, priceMax: 300 },
    "refine",
  ),
  t(["rings", "size 6"], "find_product", { category: "ring", ringSize: 6 }, "refine"),
  t(["rings", "it's a gift"], "find_product", { category: "ring", gift: true }, "refine"),
  t(["rings", "need it by friday"], "find_product", { category: "ring", readyToShip: true }, "refine"),
  t(["gold rings size 7", "what about necklaces"], "find_product", { category: "necklace", metal: "gold" }, "refine", [
    "ringSize",
  ]),
  t(
    ["gold rings size 7", "in rose gold"],
    "find_product",
    { category: "ring", metal: "rose_gold", ringSize: 7 },
    "refine",
  ),
  t(["silver necklaces", "with pearls"], "find_product", { category: "necklace", metal: "silver" }, "refine"),
]);

describe("cheaper and pricier", () => {
  it("cheaper with a ceiling lowers it to 80 %", () => {
    const u = understandTurns(["rose gold rings under 800", "cheaper ones"]);
    expect(u).toMatchObject({ intent: "find_product", followUp: "refine" });
    expect(u.entities).toMatchObject({ category: "ring", metal: "rose_gold", priceMax: 640 });
    expect(u.confidence).toBeGreaterThanOrEqual(0.7);
  });
  it("cheaper with a floor goes below it (cheaper than everything shown)", () => {
    const u = understandTurns(["earrings between 200 and 400", "something cheaper"]);
    expect(u.entities).toMatchObject({ category: "earring", priceMax: 200 });
    expect(u.entities.priceMin).toBeUndefined();
  });
  it("cheaper after an approximate price goes below its floor", () => {
    const u = understandTurns(["necklaces around 1000", "too expensive"]);
    expect(u.entities.priceMax).toBe(800);
    expect(u.entities.priceMin).toBeUndefined();
  });
  it("cheaper with no price sorts by price instead", () => {
    const u = understandTurns(["necklaces", "cheaper please"]);
    expect(u).toMatchObject({ intent: "find_product", followUp: "refine", sort: "price_asc" });
    expect(u.entities.priceMax).toBeUndefined();
  });
  it("an explicit price wins over 'cheaper'", () => {
    expect(understandTurns(["rings under 800", "cheaper, under 300"]).entities.priceMax).toBe(300);
  });
  it("pricier with a ceiling starts from it", () => {
    const u = understandTurns(["necklaces under 500", "more expensive ones"]);
    expect(u.entities).toMatchObject({ category: "necklace", priceMin: 500 });
    expect(u.entities.priceMax).toBeUndefined();
  });
  it("pricier with no price sorts descending", () => {
    expect(understandTurns(["bracelets", "something fancier"]).sort).toBe("price_desc");
  });
  it("'more expensive' is not paging", () => {
    expect(understandTurns(["rings under 300", "more expensive"]).followUp).toBe("refine");
  });
});

table("a complete new request replaces the filters", [
  t(
    ["yellow gold earrings", "sterling silver necklaces under 100"],
    "find_product",
    { category: "necklace", metal: "silver", priceMax: 100 },
    "new",
  ),
  t(["yellow gold earrings under 300", "show me bracelets"], "find_product", { category: "bracelet" }, "new", [
    "metal",
    "priceMax",
  ]),
  t(["platinum rings over 2000", "gold hoops"], "find_product", { category: "earring", metal: "gold" }, "new", [
    "priceMin",
  ]),
  t(["rings under 500", "i need a necklace for my mom"], "find_product", { category: "necklace", gift: true }, "new", [
    "priceMax",
  ]),
  t(
    ["rings", "necklaces in silver under 200"],
    "find_product",
    { category: "necklace", metal: "silver", priceMax: 200 },
    "new",
  ),
]);

table("leaving the search", [
  t(["rings under 500", "where is my order"], "track_order", {}, undefined, ["category", "priceMax"]),
  t(["rings under 500", "thanks!"], "thanks", {}),
  t(["rings under 500", "can I pay in installments"], "financing", {}),
  t(["rings under 500", "can you engrave them"], "customization", {}),
  t(["rings", "#1042"], "track_order", { orderNumber: "1042" }),
  t(["where is my order", "thanks"], "thanks", {}),
]);

describe("context edge cases", () => {
  it("'under 500' alone after a product search is a refinement, alone without one a vague new query", () => {
    expect(understandTurns(["ready to ship necklaces", "under 500"]).followUp).toBe("refine");
    const alone = understand("under 500");
    expect(alone).toMatchObject({ intent: "find_product", followUp: "new" });
    expect(alone.confidence).toBeLessThan(0.7);
  });

  it("paging without a search is a low-confidence product request", () => {
    const u = understand("show me more");
    expect(u.intent).toBe("find_product");
    expect(u.confidence).toBeLessThan(0.7);
  });

  it("paging keeps the filters with confidence ≥ 0.7", () => {
    const u = understand("show me more", { lastIntent: "find_product", filters: { category: "ring", priceMax: 500 } });
    expect(u).toMatchObject({ intent: "find_product", followUp: "more" });
    expect(u.entities).toMatchObject({ category: "ring", priceMax: 500 });
    expect(u.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it('paging an unfiltered search ("recommend something" → "more") still pages', () => {
    const u = understandTurns(["can you recommend something", "show me more"]);
    expect(u).toMatchObject({ intent: "find_product", followUp: "more" });
    expect(u.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it("a refinement after another intent still uses the remembered filters", () => {
    const u = understand("in silver", { lastIntent: "faq", filters: { category: "necklace", priceMax: 300 } });
    expect(u).toMatchObject({ intent: "find_product", followUp: "refine" });
    expect(u.entities).toMatchObject({ category: "necklace", metal: "silver", priceMax: 300 });
    expect(u.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it("empty previous filters do not make a refinement", () => {
    expect(understand("under 500", { lastIntent: "find_product", filters: {} }).followUp).toBe("new");
  });

  it("'another question' is not paging", () => {
    const u = understand("I have another question", { lastIntent: "find_product", filters: { category: "ring" } });
    expect(u.followUp).not.toBe("more");
  });

  it("does not mutate the context it is given", () => {
    const ctx = { lastIntent: "find_product" as const, filters: { category: "ring" as const, priceMax: 800 } };
    const copy = JSON.parse(JSON.stringify(ctx)) as typeof ctx;
    understand("cheaper ones", ctx);
    understand("in platinum instead", ctx);
    expect(ctx).toEqual(copy);
  });
});

table("answers to the concierge's questions", [
  {
    text: "1042",
    context: { awaiting: "order_number", lastIntent: "track_order" },
    intent: "track_order",
    entities: { orderNumber: "1042" },
  },
  {
    text: "it's 1042",
    context: { awaiting: "order_number", lastIntent: "track_order" },
    intent: "track_order",
    entities: { orderNumber: "1042" },
  },
  {
    text: "order number is GG-1042",
    context: { awaiting: "order_number" },
    intent: "track_order",
    entities: { orderNumber: "GG1042" },
  },
  {
    text: "1042",
    context: { awaiting: "return_order", lastIntent: "return_exchange" },
    intent: "return_exchange",
    entities: { orderNumber: "1042" },
  },
  {
    text: "90210",
    context: { awaiting: "order_contact", lastIntent: "track_order" },
    intent: "track_order",
    entities: { postalCode: "90210" },
    absent: ["orderNumber", "priceMax"],
  },
  {
    text: "jane.doe@example.com",
    context: { awaiting: "order_contact", lastIntent: "return_exchange" },
    intent: "return_exchange",
    entities: { email: "jane.doe@example.com" },
  },
  {
    text: "my postcode is SW1A 1AA",
    context: { awaiting: "order_contact", lastIntent: "track_order" },
    intent: "track_order",
    entities: { postalCode: "SW1A 1AA" },
  },
  {
    text: "7",
    context: { lastIntent: "sizing" },
    intent: "sizing",
    entities: { ringSize: 7 },
    absent: ["orderNumber"],
  },
  { text: "I think a 6.5", context: { lastIntent: "sizing" }, intent: "sizing", entities: { ringSize: 6.5 } },
  {
    text: "actually talk to a human",
    context: { awaiting: "order_number", lastIntent: "track_order" },
    intent: "stylist_contact",
    entities: {},
  },
]);

table("slash commands with arguments", [
  { text: "/track 1019", intent: "track_order", entities: { orderNumber: "1019" } },
  { text: "/track #1042", intent: "track_order", entities: { orderNumber: "1042" } },
  { text: "/TRACK 1042", intent: "track_order", entities: { orderNumber: "1042" } },
  { text: "/track GG-1042", intent: "track_order", entities: { orderNumber: "GG1042" } },
  { text: "/track", intent: "track_order", entities: {}, absent: ["orderNumber"] },
  { text: "/return 1042", intent: "return_exchange", entities: { orderNumber: "1042" }, absent: ["priceMax"] },
  { text: "/Return #1042", intent: "return_exchange", entities: { orderNumber: "1042" } },
  { text: "/return", intent: "return_exchange", entities: {} },
  {
    text: "/gift 300",
    intent: "find_product",
    entities: { gift: true, priceMax: 300 },
    absent: ["orderNumber", "priceMin"],
  },
  { text: "/gift $300", intent: "find_product", entities: { gift: true, priceMax: 300 } },
  { text: "/gift under 150 for my mom", intent: "find_product", entities: { gift: true, priceMax: 150 } },
  { text: "/GIFT", intent: "find_product", entities: { gift: true }, absent: ["priceMax"] },
  { text: "/size 6", intent: "sizing", entities: { ringSize: 6 }, absent: ["priceMax", "orderNumber"] },
  { text: "/size 6.5", intent: "sizing", entities: { ringSize: 6.5 } },
  { text: "/size", intent: "sizing", entities: {}, absent: ["ringSize"] },
  {
    text: "/rings under 500",
    intent: "find_product",
    entities: { category: "ring", priceMax: 500 },
    absent: ["priceMin"],
  },
  {
    text: "/rings 500",
    intent: "find_product",
    entities: { category: "ring", priceMax: 500 },
    absent: ["orderNumber"],
  },
  {
    text: "/Rings rose gold under $800",
    intent: "find_product",
    entities: { category: "ring", metal: "rose_gold", priceMax: 800 },
  },
  {
    text: "/necklaces $200-$400",
    intent: "find_product",
    entities: { category: "necklace", priceMin: 200, priceMax: 400 },
  },
  { text: "/earrings", intent: "find_product", entities: { category: "earring" } },
  { text: "/stylist", intent: "stylist_contact", entities: {} },
  { text: "/Stylist", intent: "stylist_contact", entities: {} },
  { text: "  /stylist  ", intent: "stylist_contact", entities: {} },
  { text: "/care", intent: "care_warranty", entities: {} },
  { text: "/financing", intent: "financing", entities: {} },
  { text: "/engrave", intent: "customization", entities: {} },
]);

describe("slash command properties", () => {
  it("commands outrank keywords in their argument", () => {
    expect(understand("/track where is my refund 1042").intent).toBe("track_order");
    expect(understand("/stylist my ring broke").intent).toBe("stylist_contact");
  });
  it("commands are confident and name themselves in the reason", () => {
    const u = understand("/gift 300");
    expect(u.confidence).toBeGreaterThanOrEqual(0.9);
    expect(u.reason).toBe("command:/gift");
    expect(u.followUp).toBe("new");
  });
  it("a product command starts a new search even inside one", () => {
    const u = understand("/rings under 500", {
      lastIntent: "find_product",
      filters: { category: "necklace", metal: "gold" },
    });
    expect(u.entities).toEqual({ category: "ring", priceMax: 500 });
    expect(u.followUp).toBe("new");
  });
  it("an unknown command is read as text", () => {
    expect(understand("/whatever rose gold rings").intent).toBe("find_product");
    expect(understand("/xyz").intent).toBe("clarify");
  });
  it("/help answers with the chooser", () => {
    const u = understand("/help");
    expect(u.intent).toBe("clarify");
    expect(u.confidence).toBeLessThan(0.7);
  });
});

table("an order number right after an order question answers it", [
  {
    text: "it's 1017",
    context: { lastIntent: "return_exchange" },
    intent: "return_exchange",
    entities: { orderNumber: "1017" },
  },
  {
    text: "1017",
    context: { lastIntent: "return_exchange" },
    intent: "return_exchange",
    entities: { orderNumber: "1017" },
  },
  {
    text: "#1017",
    context: { lastIntent: "care_warranty" },
    intent: "care_warranty",
    entities: { orderNumber: "1017" },
  },
  { text: "the order is 1008", context: { lastIntent: "sizing" }, intent: "sizing", entities: { orderNumber: "1008" } },
  {
    text: "it's 1017",
    context: { lastIntent: "track_order" },
    intent: "track_order",
    entities: { orderNumber: "1017" },
  },
  {
    text: "where is 1017",
    context: { lastIntent: "return_exchange" },
    intent: "track_order",
    entities: { orderNumber: "1017" },
  },
  {
    text: "1017",
    context: { lastIntent: "find_product", filters: { category: "ring" } },
    intent: "track_order",
    entities: { orderNumber: "1017" },
  },
  {
    text: "it's 1017",
    context: { lastIntent: "greeting" },
    intent: "clarify",
    entities: {},
    absent: ["orderNumber", "priceMax"],
  },
]);
