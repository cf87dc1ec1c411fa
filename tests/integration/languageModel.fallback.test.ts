// The optional language model's client and its bounds, against an OpenAI-compatible server on loopback: a good
// answer is used (personal details masked on the way out, restored on the way back), and a slow, malformed, 429
// or 500 answer leaves the rules' answer standing; the breaker, the cache and the daily budget hold.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { understand } from "~/concierge/understanding";
import { openAiCompatibleModel } from "~/platform/languageModel.server";
import { createModelFallback, type ModelOutcome } from "~/services/modelFallback.server";
import { everythingSent, type FakeModel, startFakeModel } from "../support/fakeModel";

let fake: FakeModel;
beforeAll(async () => {
  fake = await startFakeModel();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.mode = "good";
  fake.received.length = 0;
  fake.answer = { intent: "care_warranty", entities: {} };
});

const SHOP = "aurora-demo.myshopify.com";
/** Nothing the rules know: `clarify`, so the model is asked. */
const UNREADABLE = "the thingamajig I got has gone all wonky on one side";

function fallback(options: { timeoutMs?: number; dailyBudget?: number; now?: () => number } = {}) {
  const outcomes: ModelOutcome[] = [];
  const model = openAiCompatibleModel({ baseUrl: fake.url, apiKey: "sk-test-key-123", model: "fake-model" });
  const service = createModelFallback({
    model,
    timeoutMs: options.timeoutMs ?? 1500,
    dailyBudget: options.dailyBudget ?? 100,
    breakerFailures: 3,
    breakerCooldownMs: 60_000,
    now: options.now,
    record: (outcome) => outcomes.push(outcome),
  });
  const read = (text: string) => service.read(SHOP, text, understand(text));
  /** As if the rules had read nothing at all, so every detail can only come back from the model. */
  const readUnknown = (text: string) =>
    service.read(SHOP, text, { intent: "clarify", confidence: 0.2, entities: {}, terms: [], reason: "clarify" });
  return { read, readUnknown, outcomes };
}

describe("language model fallback", () => {
  it("is asked only when the rules cannot read a message of three words or more", async () => {
    const { read } = fallback();
    expect((await read("where is my order")).source).toBe("rules");
    expect((await read("zxcv qwer")).source).toBe("rules");
    expect(fake.received).toHaveLength(0);
    const u = await read(UNREADABLE);
    expect(u).toMatchObject({ intent: "care_warranty", source: "model", confidence: 0.75 });
    expect(fake.received).toHaveLength(1);
  });

  it("sends an OpenAI-compatible request with the key as a bearer token and a JSON-schema prompt", async () => {
    const { read } = fallback();
    await read(UNREADABLE);
    const [req] = fake.received;
    expect(req.path).toBe("/v1/chat/completions");
    expect(req.headers.authorization).toBe("Bearer sk-test-key-123");
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({ model: "fake-model", temperature: 0, response_format: { type: "json_object" } });
    expect(body.messages[0].role).toBe("system");
    expect(body.messages[0].content).toContain('"intent"');
    expect(body.messages[1]).toEqual({ role: "user", content: UNREADABLE });
  });

  it("masks emails, phones, order numbers and postal codes, and restores the ones the model copies", async () => {
    fake.answer = {
      intent: "track_order",
      entities: { orderNumber: "[ORDER_1]", email: "[EMAIL_1]", postalCode: "[POSTCODE_1]" },
    };
    const { readUnknown } = fallback();
    const text =
      "yo jane.doe@example.com here, call +1 (415) 555-0100, the stuff from #A-1042 to V6B 4Y8 or 90210-1234 is meh";
    const u = await readUnknown(text);
    const sent = everythingSent(fake);
    for (const secret of ["jane.doe", "example.com", "415", "555", "0100", "1042", "V6B", "4Y8", "90210", "1234"]) {
      expect(sent, `the model server must not see ${secret}`).not.toContain(secret);
    }
    expect(sent).toContain("[EMAIL_1]");
    expect(u.source).toBe("model");
    expect(u.intent).toBe("track_order");
    expect(u.entities).toMatchObject({ orderNumber: "A1042", email: "jane.doe@example.com", postalCode: "90210-1234" });
  });

  it("never takes a contact detail the model made up, only the placeholders it was given", async () => {
    fake.answer = { intent: "track_order", entities: { email: "someone@else.com", orderNumber: "[ORDER_7]" } };
    const { read } = fallback();
    const u = await read(UNREADABLE);
    expect(u.intent).toBe("track_order");
    expect(u.entities.email).toBeUndefined();
    expect(u.entities.orderNumber).toBeUndefined();
  });

  it.each<[FakeMode, ModelOutcome]>([
    ["slow", "timeout"],
    ["invalid_json", "invalid"],
    ["not_json_object", "error"],
    ["429", "error"],
    ["500", "error"],
  ])("keeps the rules' answer when the server answers %s (%s)", async (mode, outcome) => {
    fake.mode = mode;
    const { read, outcomes } = fallback({ timeoutMs: 300 });
    const started = Date.now();
    const u = await read(UNREADABLE);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(u).toMatchObject({ intent: "clarify", source: "rules" });
    expect(outcomes).toEqual([outcome]);
  });

  it("refuses an answer that is JSON but not the schema (unknown intent, wrong types)", async () => {
    const { read, outcomes } = fallback();
    fake.answer = { intent: "buy_a_yacht", entities: {} };
    expect((await read(UNREADABLE)).source).toBe("rules");
    fake.answer = { intent: "find_product", entities: { priceMax: "cheap", metal: "bronze" } };
    expect((await read("something shiny and not too dear")).source).toBe("rules");
    expect(outcomes).toEqual(["invalid", "invalid"]);
  });

  it("opens the breaker after three failures, skips the server while open, and tries again after the cooldown", async () => {
    let clock = Date.parse("2030-01-01T10:00:00Z");
    const { read, outcomes } = fallback({ now: () => clock });
    fake.mode = "500";
    for (const i of [1, 2, 3]) await read(`${UNREADABLE} number ${"x".repeat(i)}`);
    expect(fake.received).toHaveLength(3);
    await read(`${UNREADABLE} once more`);
    expect(fake.received).toHaveLength(3);
    expect(outcomes).toEqual(["error", "error", "error", "breaker_open"]);

    clock += 61_000;
    fake.mode = "good";
    const u = await read(`${UNREADABLE} after a while`);
    expect(u.source).toBe("model");
    expect(fake.received).toHaveLength(4);
  });

  it("answers a repeated message from the cache, keyed by the normalised text", async () => {
    const { read, outcomes } = fallback();
    await read(UNREADABLE);
    const again = await read("The THINGAMAJIG I got has gone all wonky on one side!!");
    expect(again.source).toBe("model");
    expect(fake.received).toHaveLength(1);
    expect(outcomes).toEqual(["used", "cached"]);
  });

  it("keeps to the shop's daily budget, and starts again the next day", async () => {
    let clock = Date.parse("2030-01-01T10:00:00Z");
    const { read, outcomes } = fallback({ dailyBudget: 2, now: () => clock });
    for (const tail of ["a", "b", "c"]) await read(`${UNREADABLE} ${tail}`);
    expect(fake.received).toHaveLength(2);
    expect(outcomes).toEqual(["used", "used", "over_budget"]);
    clock += 24 * 3600_000;
    expect((await read(`${UNREADABLE} d`)).source).toBe("model");
    expect(fake.received).toHaveLength(3);
  });
});

type FakeMode = FakeModel["mode"];
