// Table-driven tests of the understanding step: each intent, its phrasings and variants, and the precedence
// rules between intents (UNDERSTANDING.md). Entity grammar: understanding.entities.test.ts; context and
// commands: understanding.context.test.ts.
import { describe, expect, it } from "vitest";
import { type Entities, type Intent, understand } from "~/concierge/understanding";
import { type Case, caseName, runCase } from "./understanding.helpers";

const c = (text: string, intent: Intent, entities?: Partial<Entities>, absent?: (keyof Entities)[]): Case => ({
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

table("track_order", [
  c("where is my order", "track_order", {}, ["orderNumber"]),
  c("wheres my order", "track_order"),
  c("where's my order", "track_order"),
  c("Where’s my order?", "track_order"),
  c("where is my package??", "track_order"),
  c("where are my earrings", "track_order"),
  c("wheres my stuff", "track_order"),
  c("where is my new ring", "track_order", { category: "ring" }),
  c("has my package shipped yet", "track_order"),
  c("has it shipped", "track_order"),
  c("did my order ship", "track_order"),
  c("did you ship my order yet", "track_order"),
  c("is my order on its way", "track_order"),
  c("when will it arrive", "track_order"),
  c("when will my order arrive", "track_order"),
  c("when will my necklace get here", "track_order", { category: "necklace" }),
  c("when will I get my ring", "track_order"),
  c("order status", "track_order"),
  c("status of my order", "track_order"),
  c("any update on my order?", "track_order"),
  c("tracking", "track_order"),
  c("tracking number please", "track_order"),
  c("can I track my order", "track_order"),
  c("I haven't received my order", "track_order"),
  c("i havent received my package", "track_order"),
  c("my order hasn't arrived", "track_order"),
  c("it still hasnt come", "track_order"),
  c("my package is late", "track_order"),
  c("lost package", "track_order"),
  c("is it out for delivery", "track_order"),
  c("check on my order", "track_order"),
  c("wher is my order", "track_order"),
  c("trackng info", "track_order"),
  c("tracking for order #1042 please", "track_order", { orderNumber: "1042" }),
  c("can you check on order number 1023", "track_order", { orderNumber: "1023" }, ["priceMin", "priceMax"]),
  c("order 1042", "track_order", { orderNumber: "1042" }, ["priceMax"]),
  c("order #1042", "track_order", { orderNumber: "1042" }),
  c("order no. 1042", "track_order", { orderNumber: "1042" }),
  c("my order number is 1042", "track_order", { orderNumber: "1042" }),
  c("status of order 1042", "track_order", { orderNumber: "1042" }),
  c("when will order 1042 arrive", "track_order", { orderNumber: "1042" }),
  c("Where is my order #1042?", "track_order", { orderNumber: "1042" }),
  c("#1007", "track_order", { orderNumber: "1007" }),
  c("# 1007", "track_order", { orderNumber: "1007" }),
  c("1042", "track_order", { orderNumber: "1042" }, ["priceMax", "priceMin", "ringSize", "postalCode"]),
  c("where is 1042", "track_order", { orderNumber: "1042" }, ["priceMax"]),
  c("I need to check my order, it's 1042", "track_order", { orderNumber: "1042" }, ["priceMax"]),
  c("my package is lost", "track_order"),
  c("I ordered a week ago and nothing", "track_order"),
  c("a thousand", "clarify", {}, ["orderNumber"]),
]);

table("return_exchange", [
  c("I want to return order #1042", "return_exchange", { orderNumber: "1042" }),
  c("I want to return order 123456", "return_exchange", { orderNumber: "123456" }, ["priceMax", "postalCode"]),
  c("return order #1042", "return_exchange", { orderNumber: "1042" }),
  c("return 1042", "return_exchange", { orderNumber: "1042" }),
  c("I want a refund for order 1042", "return_exchange", { orderNumber: "1042" }),
  c("order 1042 arrived damaged", "return_exchange", { orderNumber: "1042" }),
  c("i need to exchange order 1042 for a size 7", "return_exchange", { orderNumber: "1042", ringSize: 7 }),
  c("how do I get a refund", "return_exchange"),
  c("refund please", "return_exchange"),
  c("how do I return something", "return_exchange"),
  c("can I return these earrings", "return_exchange", { category: "earring" }),
  c("returning a bracelet", "return_exchange", { category: "bracelet" }),
  c("I returned it last week", "return_exchange"),
  c("the ring doesn't fit, can I exchange it", "return_exchange", { category: "ring" }),
  c("can I exchange this for a different size", "return_exchange"),
  c("exchanging for silver", "return_exchange", { metal: "silver" }),
  c("can I send it back", "return_exchange"),
  c("send back", "return_exchange"),
  c("sending it back", "return_exchange"),
  c("I sent it back yesterday", "return_exchange"),
  c("I sent the necklace back", "return_exchange", { category: "necklace" }),
  c("can I swap it for a bigger one", "return_exchange"),
  c("doesnt fit", "return_exchange"),
  c("it does not fit", "return_exchange"),
  c("it didn't fit so I'd like to send them back", "return_exchange"),
  c("wrong size", "return_exchange"),
  c("they sent the wrong item", "return_exchange"),
  c("what is your return policy", "return_exchange"),
  c("cancel my order", "return_exchange"),
  c("I changed my mind", "return_exchange"),
  c("retrun my order", "return_exchange"),
  c("exchnage", "return_exchange"),
  c("refnd", "return_exchange"),
  c("I paid 250 for it and want a refund", "return_exchange", {}, ["orderNumber"]),
  c("I bought it in 2023 and want to return it", "return_exchange", {}, ["orderNumber"]),
]);

table("sizing", [
  c("what ring size should I get", "sizing", { category: "ring" }),
  c("can you resize my ring to a 6.5", "sizing", { ringSize: 6.5 }),
  c("resize", "sizing"),
  c("resizing", "sizing"),
  c("can rings be resized", "sizing"),
  c("is resizing free", "sizing"),
  c("resise my ring", "sizing"),
  c("how do I find my ring size", "sizing"),
  c("find my size", "sizing"),
  c("help me figure out her ring size", "sizing"),
  c("what size ring do i wear", "sizing"),
  c("what's my ring size", "sizing"),
  c("which size should I order", "sizing"),
  c("size guide", "sizing"),
  c("do you have a size chart", "sizing"),
  c("how to measure ring size", "sizing"),
  c("I don't know my ring size", "sizing"),
  c("do your rings run small", "sizing"),
  c("can you size it down", "sizing"),
  c("will the ring fit", "sizing"),
  c("can you resize the ring from order #1042", "sizing", { orderNumber: "1042" }),
  c("my ring is too big", "sizing", { category: "ring" }),
  c("it's too small", "sizing"),
  c("ring too loose", "sizing"),
]);

table("care_warranty", [
  c("my necklace is tarnishing, how do I clean it", "care_warranty", { category: "necklace" }),
  c("the clasp on my bracelet broke", "care_warranty", { category: "bracelet" }),
  c("is there a warranty", "care_warranty"),
  c("is there a lifetime warranty", "care_warranty"),
  c("does it come with a guarantee", "care_warranty"),
  c("warrenty", "care_warranty"),
  c("how do i clean gold", "care_warranty", { metal: "gold" }),
  c("how to clean pearls", "care_warranty"),
  c("cleaning my ring", "care_warranty", { category: "ring" }),
  c("can you polish my ring", "care_warranty"),
  c("my silver ring is tarnished", "care_warranty", { category: "ring", metal: "silver" }),
  c("repair my necklace", "care_warranty", { category: "necklace" }),
  c("can you fix a broken chain", "care_warranty", { category: "necklace" }),
  c("my bracelet snapped", "care_warranty", { category: "bracelet" }),
  c("the stone fell out", "care_warranty"),
  c("a prong is broken", "care_warranty"),
  c("I lost a diamond from my ring", "care_warranty"),
  c("my ring turned my finger green", "care_warranty"),
  c("how do I care for sterling silver", "care_warranty", { metal: "silver" }),
  c("maintenance tips", "care_warranty"),
  c("my earring back is loose", "care_warranty", { category: "earring" }),
  c("order 1042 is broken", "care_warranty", { orderNumber: "1042" }),
  c("can I wear it in the shower", "care_warranty"),
  c("my ring lost a stone", "care_warranty", { category: "ring" }),
]);

table("financing", [
  c("do you take afterpay", "financing"),
  c("can I pay in installments", "financing"),
  c("instalments?", "financing"),
  c("do you offer financing", "financing"),
  c("is there a payment plan", "financing"),
  c("payment plans", "financing"),
  c("klarna", "financing"),
  c("do you accept affirm", "financing"),
  c("buy now pay later?", "financing"),
  c("can I pay later", "financing"),
  c("pay in 4", "financing", {}, ["priceMax", "orderNumber"]),
  c("can I split the payment", "financing"),
  c("do you have layaway", "financing"),
  c("monthly payments on a $3000 ring", "financing", { category: "ring", priceMax: 3000 }),
]);

table("stylist_contact", [
  c("I'd like to talk to a real person", "stylist_contact"),
  c("talk to a human", "stylist_contact"),
  c("human please", "stylist_contact"),
  c("agent", "stylist_contact"),
  c("can I speak to someone", "stylist_contact"),
  c("I want to chat with a stylist", "stylist_contact"),
  c("connect me with an agent", "stylist_contact"),
  c("customer service please", "stylist_contact"),
  c("representative", "stylist_contact"),
  c("can someone call me", "stylist_contact"),
  c("how do I contact you", "stylist_contact"),
  c("book an appointment", "stylist_contact"),
  c("is this a bot", "stylist_contact"),
  c("stylsit", "stylist_contact"),
]);

table("customization", [
  c("can you engrave a name on a bracelet", "customization", { category: "bracelet" }),
  c("I want a custom engagement ring designed", "customization", { category: "ring" }),
  c("custom engraved ring", "customization", { category: "ring" }),
  c("engraving", "customization"),
  c("ingraving", "customization"),
  c("can I get engraving on the back", "customization"),
  c("can you engrave initials", "customization"),
  c("can you put my daughter's name on it", "customization"),
  c("personalised necklace", "customization", { category: "necklace" }),
  c("personalized gift for my mom", "customization", { gift: true }),
  c("bespoke ring", "customization", { category: "ring" }),
  c("I want to design my own ring", "customization", { category: "ring" }),
  c("design your own", "customization"),
  c("do you do custom work", "customization"),
  c("custom order", "customization", {}, ["orderNumber"]),
  c("can I use my grandmother's diamond", "customization"),
  c("i have a design in mind", "customization"),
  c("monogram necklace in gold under 300", "customization", { category: "necklace", metal: "gold", priceMax: 300 }),
]);

table("faq", [
  c("what are your shipping times", "faq"),
  c("how long does shipping take", "faq"),
  c("how much is shipping", "faq"),
  c("shipping cost to canada", "faq"),
  c("do you offer free shipping", "faq"),
  c("do you ship internationally", "faq"),
  c("do you ship to the uk", "faq"),
  c("are your diamonds lab-grown", "faq"),
  c("are your stones conflict free", "faq"),
  c("is it real gold", "faq", { metal: "gold" }),
  c("is your gold solid", "faq"),
  c("what metals do you use", "faq"),
  c("where are you located", "faq"),
  c("what are your store hours", "faq"),
  c("do you have gift cards", "faq"),
  c("do you have a discount code", "faq"),
  c("do you offer gift wrapping", "faq"),
  c("are the earrings hypoallergenic", "faq", { category: "earring" }),
  c("privacy policy", "faq"),
]);

table("greeting and thanks", [
  c("hi there", "greeting"),
  c("hi", "greeting"),
  c("hiii", "greeting"),
  c("hello", "greeting"),
  c("Hello!", "greeting"),
  c("hey", "greeting"),
  c("heyyy", "greeting"),
  c("yo", "greeting"),
  c("good morning", "greeting"),
  c("good evening!", "greeting"),
  c("hi, how are you", "greeting"),
  c("is anyone there?", "greeting"),
  c("thanks so much!", "thanks"),
  c("thanks", "thanks"),
  c("thank you", "thanks"),
  c("thank u", "thanks"),
  c("thx", "thanks"),
  c("ty", "thanks"),
  c("thanks 🙏", "thanks"),
  c("great", "thanks"),
  c("perfect thank you", "thanks"),
  c("ok thanks bye", "thanks"),
  c("thanks, that helps", "thanks"),
  c("much appreciated", "thanks"),
  c("have a great day", "thanks"),
]);

table("clarify", [
  c("asdfghjkl", "clarify"),
  c("qwerty", "clarify"),
  c("blah blah", "clarify"),
  c("", "clarify"),
  c("   ", "clarify"),
  c("???", "clarify"),
  c("😀😀", "clarify"),
  c("the weather is nice today", "clarify"),
  c("what is the meaning of life", "clarify"),
  c("el tiempo es bueno hoy", "clarify"),
]);

table("find_product: requests and bare descriptions", [
  c("can you recommend something", "find_product"),
  c("recommend", "find_product"),
  c("any ideas?", "find_product"),
  c("suggestions?", "find_product"),
  c("show me something nice", "find_product"),
  c("I'm looking for a gift", "find_product", { gift: true }),
  c("i need a necklace", "find_product", { category: "necklace" }),
  c("i want a bracelet", "find_product", { category: "bracelet" }),
  c("I'd like to see some earrings", "find_product", { category: "earring" }),
  c("do you have any rings under 300", "find_product", { category: "ring", priceMax: 300 }),
  c("do you sell anklets", "find_product"),
  c("show me rings", "find_product", { category: "ring" }),
  c("show me your bestsellers", "find_product"),
  c("rose gold hoops", "find_product", { category: "earring", metal: "rose_gold" }),
  c("gold", "find_product", { metal: "gold" }),
  c("silver", "find_product", { metal: "silver" }),
  c("platinum", "find_product", { metal: "platinum" }),
  c("studs", "find_product", { category: "earring" }),
  c("hoops", "find_product", { category: "earring" }),
  c("pearls", "find_product"),
  c("moissanite", "find_product"),
  c("diamond studs", "find_product", { category: "earring" }),
  c("engagement rings", "find_product", { category: "ring" }),
  c("hello there, I'm looking for earrings", "find_product", { category: "earring" }),
  c("can you suggest a ring for my wife", "find_product", { category: "ring", gift: true }),
  c("help me pick out a gift", "find_product", { gift: true }),
  c("what do you recommend for an anniversary", "find_product", { gift: true, occasion: "anniversary" }),
  c("I need a ring by friday", "find_product", { category: "ring", readyToShip: true }),
  c("size 7 ring in rose gold", "find_product", { ringSize: 7, category: "ring", metal: "rose_gold" }, ["priceMax"]),
  c("ring size 7 under 300", "find_product", { ringSize: 7, category: "ring", priceMax: 300 }),
  c("a size 8 platinum ring", "find_product", { ringSize: 8, metal: "platinum" }),
  c("waterproof rings that won't tarnish", "find_product", { category: "ring" }),
  c("show me tarnish free necklaces", "find_product", { category: "necklace" }),
  c("clean girl gold hoops", "find_product", { category: "earring", metal: "gold" }),
  c("dainty stacking rings", "find_product", { category: "ring" }),
  c("lost ring", "find_product", { category: "ring" }),
  c("mens rings", "find_product", { category: "ring" }),
  c("something sparkly for my girlfriend", "find_product", { gift: true }),
  c("what do you have in white gold", "find_product", { metal: "white_gold" }),
]);

describe("precedence between intents", () => {
  it("an order reference with a return keyword is a return, not tracking", () => {
    const u = understand("I want to return order #1042");
    expect(u.intent).toBe("return_exchange");
    expect(u.entities.orderNumber).toBe("1042");
    expect(u.reason).toContain("order_reference");
  });

  it("an order reference on its own is tracking", () => {
    const u = understand("can you check on order number 1023");
    expect(u.intent).toBe("track_order");
    expect(u.reason).toBe("order_reference");
  });

  it("customization beats a product request", () => {
    expect(understand("I want a custom engagement ring designed").intent).toBe("customization");
    expect(understand("show me engraved rings under 500").intent).toBe("customization");
  });

  it("service keywords beat product attributes but entities are still extracted", () => {
    const u = understand("my 14k white gold ring is broken");
    expect(u.intent).toBe("care_warranty");
    expect(u.entities).toMatchObject({ category: "ring", metal: "white_gold" });
    expect(u.entities.priceMax).toBeUndefined();
  });

  it("product attributes beat greetings and thanks", () => {
    expect(understand("hi! rose gold rings please").intent).toBe("find_product");
    expect(understand("thanks, now show me necklaces").intent).toBe("find_product");
    expect(understand("great gift ideas for mom").intent).toBe("find_product");
  });

  it("a stated size in a product request is a filter, a sizing question is sizing", () => {
    expect(understand("size 6 gold band").intent).toBe("find_product");
    expect(understand("how do I know what size to order").intent).toBe("sizing");
  });

  it("a service keyword beats a greeting", () => {
    expect(understand("hi, where is my order").intent).toBe("track_order");
    expect(understand("hello, can I get a refund").intent).toBe("return_exchange");
  });

  it("the reason names the deciding rule", () => {
    expect(understand("do you take klarna").reason).toBe("keyword:financing");
    expect(understand("gold chain").reason).toBe("product");
    expect(understand("asdf").reason).toBe("clarify");
    expect(understand("").reason).toBe("empty");
  });
});

describe("confidence", () => {
  const high = [
    "where is my order",
    "Show me rose gold rings under $500",
    "I want to return order #1042",
    "do you take afterpay",
    "hello",
    "thanks!",
    "gold chain",
    "#1042",
    "can you engrave a name on a bracelet",
  ];
  it.each(high)("clear message %j acts directly (≥ 0.7)", (t) => {
    expect(understand(t).confidence).toBeGreaterThanOrEqual(0.7);
  });

  const low = ["asdfghjkl", "", "my order", "under 500", "cheaper ones", "show me more", "too tight", "123"];
  it.each(low)("weak or ambiguous message %j asks to confirm (< 0.7)", (t) => {
    expect(understand(t).confidence).toBeLessThan(0.7);
  });

  it("clarify is always low", () => {
    for (const t of ["asdf", "zzzz zzz", "what is the meaning of life", ""]) {
      const u = understand(t);
      expect(u.intent).toBe("clarify");
      expect(u.confidence).toBeLessThanOrEqual(0.3);
    }
  });

  it("is always within [0, 1]", () => {
    for (const t of ["/track 1042", "rings", "hi", "x", "1042", "gift", "return it", "🤷"]) {
      const { confidence } = understand(t);
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });

  it("a second strong service topic lowers confidence but stays decided", () => {
    const single = understand("can I get a refund");
    const mixed = understand("can I get a refund or talk to a human");
    expect(mixed.intent).toBe("return_exchange");
    expect(mixed.confidence).toBeLessThan(single.confidence);
  });
});
