// Entity grammar of the understanding step: prices, karats, order numbers, contact details, ring sizes,
// categories, metals, readiness, gifts and search terms — including the values that must NOT be read.
import { describe, expect, it } from "vitest";
import { type Entities, type Intent, understand } from "~/concierge/understanding";
import { type Case, caseName, runCase } from "./understanding.helpers";

const p = (
  text: string,
  entities: Partial<Entities>,
  absent: (keyof Entities)[] = [],
  intent: Intent = "find_product",
): Case => ({
  text,
  intent,
  entities,
  absent,
});

function table(title: string, cases: Case[]) {
  describe(title, () => {
    it.each(cases.map((x) => [caseName(x), x] as const))("%s", (_n, x) => {
      runCase(x);
    });
  });
}

table("price: ceilings", [
  p("Show me rose gold rings under $500", { priceMax: 500 }, ["priceMin", "orderNumber"]),
  p("rings under 50000", { category: "ring", priceMax: 50000 }, ["orderNumber", "priceMin", "postalCode"]),
  p("rings under 50,000", { priceMax: 50000 }, ["orderNumber"]),
  p("rings less than 300", { priceMax: 300 }, ["priceMin"]),
  p("necklaces below 200", { priceMax: 200 }, ["priceMin"]),
  p("necklaces no more than $250", { priceMax: 250 }, ["priceMin"]),
  p("earrings up to 150", { priceMax: 150 }, ["priceMin"]),
  p("bracelets max 400", { priceMax: 400 }, ["priceMin"]),
  p("rings at most 700", { priceMax: 700 }, ["priceMin"]),
  p("pendants < 200", { category: "necklace", priceMax: 200 }, ["priceMin"]),
  p("pendants <= 200", { priceMax: 200 }, ["priceMin"]),
  p("rings 500 or less", { priceMax: 500 }, ["priceMin"]),
  p("rings 500 and under", { priceMax: 500 }, ["priceMin"]),
  p("rings 500 max", { priceMax: 500 }, ["priceMin"]),
  p("my budget is 250", { priceMax: 250 }, ["priceMin"]),
  p("budget of 400 for earrings", { priceMax: 400, category: "earring" }, ["priceMin"]),
  p("gift for my wife, budget is $300", { gift: true, priceMax: 300 }, ["priceMin"]),
  p("a 300 dollar budget", { priceMax: 300 }, ["priceMin"]),
  p("not more than 600", { priceMax: 600 }, ["priceMin"]),
  p("nothing over 200", { priceMax: 200 }, ["priceMin"]),
  p("under five hundred", { priceMax: 500 }),
  p("under a thousand dollars", { priceMax: 1000 }),
  p("under 2 grand", { priceMax: 2000 }),
  p("rings under 2K", { priceMax: 2000 }),
  p("under 10k engagement rings", { priceMax: 10000, category: "ring" }),
]);

table("price: floors", [
  p("necklaces over $1,000", { category: "necklace", priceMin: 1000 }, ["priceMax"]),
  p("rings over 1000", { priceMin: 1000 }, ["priceMax"]),
  p("rings above $2k", { priceMin: 2000 }, ["priceMax"]),
  p("necklaces more than 300", { priceMin: 300 }, ["priceMax"]),
  p("at least 500", { priceMin: 500 }, ["priceMax"]),
  p("from 300", { priceMin: 300 }, ["priceMax"]),
  p("> 250 rings", { priceMin: 250 }, ["priceMax"]),
  p("necklaces 1000+", { priceMin: 1000 }, ["priceMax"]),
  p("rings 500 +", { priceMin: 500 }, ["priceMax"]),
  p("hoops $150 and up", { priceMin: 150 }, ["priceMax"]),
  p("necklaces 300 and up", { priceMin: 300 }, ["priceMax"]),
  p("rings 2k or more", { priceMin: 2000 }, ["priceMax"]),
  p("no less than 300", { priceMin: 300 }, ["priceMax"]),
]);

table("price: ranges", [
  p("earrings between 200 and 400 dollars", { priceMin: 200, priceMax: 400 }),
  p("earrings 200-400", { priceMin: 200, priceMax: 400 }),
  p("earrings 200 - 400", { priceMin: 200, priceMax: 400 }),
  p("earrings 200–400", { priceMin: 200, priceMax: 400 }),
  p("rings $200-$400", { priceMin: 200, priceMax: 400 }),
  p("rings $200 to $400", { priceMin: 200, priceMax: 400 }),
  p("rings 200 to 400", { priceMin: 200, priceMax: 400 }),
  p("from $200 to $400", { priceMin: 200, priceMax: 400 }),
  p("between $1,000 and $2,000", { priceMin: 1000, priceMax: 2000 }),
  p("necklaces between 1k and 2k", { priceMin: 1000, priceMax: 2000 }),
  p("between 500 and 1.5k", { priceMin: 500, priceMax: 1500 }),
  p("rings 1-2k", { priceMin: 1000, priceMax: 2000 }),
  p("between 1 and 2 thousand", { priceMin: 1000, priceMax: 2000 }),
  p("rings, budget $800-$1,200", { priceMin: 800, priceMax: 1200 }),
  p("over 200 and under 500", { priceMin: 200, priceMax: 400 + 100 }),
]);

table("price: approximate (0.8N–1.2N)", [
  p("a bracelet around $1.5k", { priceMin: 1200, priceMax: 1800 }),
  p("around 500 necklace", { priceMin: 400, priceMax: 600 }),
  p("about $300", { priceMin: 240, priceMax: 360 }),
  p("~400 earrings", { priceMin: 320, priceMax: 480 }),
  p("roughly 800", { priceMin: 640, priceMax: 960 }),
  p("approximately $1200", { priceMin: 960, priceMax: 1440 }),
  p("around 2k", { priceMin: 1600, priceMax: 2400 }),
  p("about 500 bucks", { priceMin: 400, priceMax: 600 }),
  p("500ish", { priceMin: 400, priceMax: 600 }),
  p("in the 300 range", { priceMin: 240, priceMax: 360 }),
  p("my budget is around 600", { priceMin: 480, priceMax: 720 }),
  p("necklace around two hundred", { priceMin: 160, priceMax: 240 }),
]);

table("price: amounts and currency marks", [
  p("$1042 bracelet", { category: "bracelet", priceMax: 1042 }, ["orderNumber", "priceMin"]),
  p("rings under $1,250.50", { priceMax: 1250.5 }),
  p("$49.99 earrings", { priceMax: 49.99 }, ["orderNumber"]),
  p("necklace for $500", { priceMax: 500 }),
  p("300 usd necklace", { priceMax: 300 }),
  p("usd 300", { priceMax: 300 }),
  p("I have 300 dollars", { priceMax: 300 }),
  p("$2.5k", { priceMax: 2500 }),
  p("€300 rings", { priceMax: 300 }),
  p("fifteen hundred dollar ring", { priceMax: 1500 }),
  p("5 grand engagement ring", { priceMax: 5000 }),
  p("ｒｉｎｇｓ under ＄500", { category: "ring", priceMax: 500 }),
]);

table("price: numbers that are not prices", [
  p("1.5k ring", { category: "ring" }, ["priceMax", "priceMin"]),
  p("rings for 500", { category: "ring" }, ["priceMax", "priceMin", "orderNumber"]),
  p("rings in 2024", { category: "ring" }, ["priceMax", "priceMin", "orderNumber"]),
  p("18 inch chain", { category: "necklace" }, ["priceMax", "priceMin"]),
  p("16-18 inch necklace", { category: "necklace" }, ["priceMax", "priceMin"]),
  p("2 pairs of earrings under 100", { priceMax: 100 }, ["priceMin"]),
  p("earrings that ship in 3-5 days", { category: "earring" }, ["priceMax", "priceMin"]),
  p("size 6-7 rings", { category: "ring" }, ["priceMax", "priceMin"]),
  p("20 percent off rings", { category: "ring" }, ["priceMax", "priceMin"]),
]);

table("karat and carat marks are never prices", [
  p("14k white gold under 500", { metal: "white_gold", priceMax: 500 }, ["priceMin", "ringSize", "orderNumber"]),
  p("18kt rose gold ring", { metal: "rose_gold", category: "ring" }, ["priceMax", "priceMin"]),
  p("18k white gold ring over 1000", { metal: "white_gold", priceMin: 1000 }, ["priceMax"]),
  p("14k gold chain under 800", { metal: "gold", priceMax: 800, category: "necklace" }, ["priceMin"]),
  p("10k gold hoops", { metal: "gold", category: "earring" }, ["priceMax", "priceMin"]),
  p("9k gold ring", { metal: "gold" }, ["priceMax", "priceMin"]),
  p("22k gold bangle", { metal: "gold", category: "bracelet" }, ["priceMax", "priceMin"]),
  p("24 karat gold", { metal: "gold" }, ["priceMax", "priceMin"]),
  p("14k hoops", { metal: "gold", category: "earring" }, ["priceMax", "priceMin"]),
  p("2 carat diamond ring", { category: "ring" }, ["priceMax", "priceMin", "ringSize"]),
  p("1 carat solitaire under 5000", { priceMax: 5000 }, ["priceMin"]),
  p("0.5 ct diamond studs", { category: "earring" }, ["priceMax", "priceMin"]),
  p("1.5 carat engagement ring", { category: "ring" }, ["priceMax", "priceMin"]),
  p("2ct lab grown ring", { category: "ring" }, ["priceMax", "priceMin"]),
]);

table("order numbers", [
  p("#1042", { orderNumber: "1042" }, ["priceMax", "priceMin"], "track_order"),
  p("order 1042", { orderNumber: "1042" }, ["priceMax"], "track_order"),
  p("order number 1042", { orderNumber: "1042" }, ["priceMax"], "track_order"),
  p("order no. GG-1042", { orderNumber: "GG1042" }, ["priceMax"], "track_order"),
  p("order #GG-1042", { orderNumber: "GG1042" }, ["priceMax"], "track_order"),
  p("order: 1042", { orderNumber: "1042" }, [], "track_order"),
  p("Order 1042 zip 90210", { orderNumber: "1042", postalCode: "90210" }, ["priceMax"], "track_order"),
  p("order 1042 under 500", { orderNumber: "1042" }, [], "track_order"),
  p("rings under 1042", { priceMax: 1042 }, ["orderNumber"]),
  p("necklaces under $5000", { priceMax: 5000 }, ["orderNumber"]),
  p("I want to order 2 rings", { category: "ring" }, ["orderNumber"]),
  p("orders over 500", {}, ["orderNumber"]),
  { text: "GG1042", context: { orderPrefix: "GG" }, intent: "track_order", entities: { orderNumber: "GG1042" } },
  { text: "gg-1042", context: { orderPrefix: "GG" }, intent: "track_order", entities: { orderNumber: "GG1042" } },
  {
    text: "where is GG1042",
    context: { orderPrefix: "GG" },
    intent: "track_order",
    entities: { orderNumber: "GG1042" },
  },
  { text: "where is my order #1042?", intent: "track_order", entities: { orderNumber: "1042" }, absent: ["priceMax"] },
]);

table("contact details", [
  p("jane.doe@example.com", { email: "jane.doe@example.com" }, ["orderNumber"], "clarify"),
  p("my email is Jane.Doe+rings@Example.co.uk", { email: "jane.doe+rings@example.co.uk" }, [], "clarify"),
  p("#1042 jane@x.co", { orderNumber: "1042", email: "jane@x.co" }, [], "track_order"),
  p("my zip is 90210", { postalCode: "90210" }, ["priceMax", "orderNumber"], "clarify"),
  p("zip code 90210", { postalCode: "90210" }, ["orderNumber"], "clarify"),
  p("90210-1234", { postalCode: "90210-1234" }, ["orderNumber", "priceMin", "priceMax"], "clarify"),
  p("K1A 0B6", { postalCode: "K1A 0B6" }, [], "clarify"),
  p("postal code m5v3l9", { postalCode: "M5V 3L9" }, [], "clarify"),
  p("SW1A 1AA", { postalCode: "SW1A 1AA" }, [], "clarify"),
  p("postcode m1 1ae", { postalCode: "M1 1AE" }, [], "clarify"),
]);

table("ring size", [
  p("size 7 ring in rose gold", { ringSize: 7 }, ["priceMax", "priceMin"]),
  p("size 6.5 rose gold band", { ringSize: 6.5, category: "ring" }, ["priceMax"]),
  p("size 6½ band", { ringSize: 6.5 }, ["priceMax"]),
  p("a size 8 platinum ring", { ringSize: 8 }, ["priceMax"]),
  p("size seven ring", { ringSize: 7 }, ["priceMax"]),
  p("ring size 7 under 300", { ringSize: 7, priceMax: 300 }),
  p("sz 9 band", { ringSize: 9 }),
  p("I wear a 7", { ringSize: 7 }, ["priceMax"], "sizing"),
  p("size six and a half", { ringSize: 6.5 }, [], "sizing"),
  p("a 6 and a half", { ringSize: 6.5 }, [], "sizing"),
  p("can you resize my ring to a 6.5", { ringSize: 6.5 }, ["priceMax"], "sizing"),
  p("resize to size 5", { ringSize: 5 }, [], "sizing"),
  p("a 3 stone ring", { category: "ring" }, ["ringSize", "priceMax"]),
  p("size 40 ring", { category: "ring" }, ["ringSize"]),
]);

table("category: words, plurals, hyphens and misspellings", [
  p("ring", { category: "ring" }),
  p("rings", { category: "ring" }),
  p("engagement rings", { category: "ring" }),
  p("eternity band", { category: "ring" }),
  p("wedding bands", { category: "ring" }),
  p("solitaires", { category: "ring" }),
  p("signet ring", { category: "ring" }),
  p("rign", { category: "ring" }),
  p("necklace", { category: "necklace" }),
  p("necklaces", { category: "necklace" }),
  p("pendant", { category: "necklace" }),
  p("gold chain", { category: "necklace" }),
  p("chokers", { category: "necklace" }),
  p("lariat", { category: "necklace" }),
  p("lockets", { category: "necklace" }),
  p("neckless under 250", { category: "necklace", priceMax: 250 }),
  p("neclace", { category: "necklace" }),
  p("necklase", { category: "necklace" }),
  p("earrings", { category: "earring" }),
  p("earings", { category: "earring" }),
  p("earrigns", { category: "earring" }),
  p("ear rings", { category: "earring" }),
  p("ear-rings", { category: "earring" }),
  p("studs", { category: "earring" }),
  p("stud", { category: "earring" }),
  p("hoops", { category: "earring" }),
  p("drop earrings", { category: "earring" }),
  p("drops", { category: "earring" }),
  p("huggies", { category: "earring" }),
  p("huggie", { category: "earring" }),
  p("ear climbers", { category: "earring" }),
  p("ear cuff", { category: "earring" }),
  p("bracelet", { category: "bracelet" }),
  p("braclet under 100", { category: "bracelet", priceMax: 100 }),
  p("braclets", { category: "bracelet" }),
  p("bangles", { category: "bracelet" }),
  p("sterling silver cuff", { category: "bracelet", metal: "silver" }),
  p("tennis bracelet", { category: "bracelet" }),
  p("tennis necklace", { category: "necklace" }),
  p("chain bracelet", { category: "bracelet" }),
  p("chain link bracelet", { category: "bracelet" }),
  p("charm bracelet", { category: "bracelet" }),
  p("pendant necklace", { category: "necklace" }),
  p("earrings to match my necklace", { category: "earring" }),
  p("diamond studded bracelet", { category: "bracelet" }),
]);

table("metal", [
  p("gold chain", { metal: "gold" }),
  p("gold", { metal: "gold" }),
  p("golden hoops", { metal: "gold" }),
  p("silver", { metal: "silver" }),
  p("sterling", { metal: "silver" }),
  p("925 silver ring", { metal: "silver" }, ["priceMax", "orderNumber"]),
  p("925 hoops", { metal: "silver" }, ["priceMax"]),
  p("rose gold ring", { metal: "rose_gold" }),
  p("rose-gold hoops", { metal: "rose_gold" }),
  p("rosegold ring", { metal: "rose_gold" }),
  p("pink gold bracelet", { metal: "rose_gold" }),
  p("white gold studs in stock", { metal: "white_gold", readyToShip: true }),
  p("white-gold studs", { metal: "white_gold" }),
  p("yellow gold earrings", { metal: "yellow_gold" }),
  p("yellow-gold hoops", { metal: "yellow_gold" }),
  p("14k yellow gold", { metal: "yellow_gold" }, ["priceMax"]),
  p("platinum eternity band", { metal: "platinum", category: "ring" }),
  p("plat band", { metal: "platinum" }),
  p("pt950 band", { metal: "platinum" }, ["priceMax", "orderNumber"]),
  p("platnium band", { metal: "platinum" }),
  p("silvr hoops", { metal: "silver" }),
]);

table("readyToShip", [
  p("ready to ship", { readyToShip: true }),
  p("ready-to-ship hoops", { readyToShip: true, category: "earring" }),
  p("in stock hoops", { readyToShip: true }),
  p("rings that ship today", { readyToShip: true, category: "ring" }),
  p("ships today", { readyToShip: true }),
  p("shipping today?", { readyToShip: true }),
  p("which rings ship fast", { readyToShip: true }),
  p("quick shipping earrings", { readyToShip: true }),
  p("I need earrings quickly", { readyToShip: true }),
  p("I need a ring by friday", { readyToShip: true }),
  p("need it by this week", { readyToShip: true }),
  p("necklace I need by the 14th", { readyToShip: true }, ["priceMax", "priceMin", "ringSize"]),
  p("no rush", { readyToShip: false }),
  p("made to order ring", { readyToShip: false }),
  p("made-to-order ring", { readyToShip: false }),
  p("anniversary present, no rush, made to order is fine", { readyToShip: false, gift: true }),
  p("not in a hurry, just browsing necklaces", { readyToShip: false }),
]);

table("gift and occasion", [
  p("gift for my wife", { gift: true }),
  p("a present for my husband", { gift: true }),
  p("something for my boyfriend", { gift: true }),
  p("earings for my mom", { gift: true, category: "earring" }),
  p("necklace for her", { gift: true }),
  p("gifts", { gift: true }),
  p("graduation gift", { gift: true, occasion: "graduation" }),
  p("christmas gifts", { gift: true, occasion: "christmas" }),
  p("valentine's day necklace", { gift: true, occasion: "valentines_day" }),
  p("mother's day earrings", { gift: true, occasion: "mothers_day" }),
  p("birthday present for my sister", { gift: true, occasion: "birthday" }),
  p("anniversery gift", { gift: true, occasion: "anniversary" }),
  p("wedding bands", { category: "ring" }, ["gift", "occasion"]),
  p("gold rings", { metal: "gold" }, ["gift", "occasion", "readyToShip"]),
]);

describe("terms: search words that are not filters", () => {
  it.each([
    ["pearl necklace", "pearl"],
    ["diamond studs", "diamond"],
    ["tennis bracelet", "tennis"],
    ["solitaire engagement ring", "solitaire"],
    ["lab grown diamond ring under 3000", "lab grown"],
    ["sapphire ring", "sapphire"],
    ["emerald cut ring", "emerald cut"],
    ["dainty gold chain", "dainty"],
  ])("%j has term %j", (text, term) => {
    expect(understand(text).terms).toContain(term);
  });

  it("filters are not repeated as terms", () => {
    const { terms } = understand("rose gold rings under 500");
    expect(terms).not.toContain("ring");
    expect(terms).not.toContain("rose gold");
    expect(terms).toEqual([]);
  });
});

describe("entities are extracted whatever the intent", () => {
  it("keeps category and metal on a care request", () => {
    expect(understand("how do I clean my silver bracelet").entities).toMatchObject({
      category: "bracelet",
      metal: "silver",
    });
  });
  it("keeps the order number and ring size on an exchange", () => {
    expect(understand("exchange order #1042 for a size 7").entities).toMatchObject({
      orderNumber: "1042",
      ringSize: 7,
    });
  });
  it("keeps the price on a financing question", () => {
    const u = understand("can I pay for a $3,000 ring in installments");
    expect(u.intent).toBe("financing");
    expect(u.entities.priceMax).toBe(3000);
  });
});
