// The concierge with the optional language model switched on (LLM_* variables), through POST /proxy/messages:
// the model reads what the rules cannot, the concierge answers whatever the model server does (well, slowly,
// invalid JSON, 429, 500), every call is counted by outcome, and nothing personal reaches the model server.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../support/app";
import { Chat, SHOP } from "../support/concierge";
import { everythingSent, type FakeModel, startFakeModel } from "../support/fakeModel";
import { localSecret, type ProxyClient, proxyClient } from "../support/proxy";

let app: RunningApp;
let client: ProxyClient;
let fake: FakeModel;
let visitors = 0;

beforeAll(async () => {
  fake = await startFakeModel();
  app = await startApp({
    RATE_LIMIT_PER_MINUTE: "100000",
    RATE_LIMIT_LOOKUPS_PER_MINUTE: "10000",
    LLM_BASE_URL: fake.url,
    LLM_MODEL: "fake-model",
    LLM_API_KEY: "sk-concierge-test-0001",
    LLM_TIMEOUT_MS: "400",
  });
  client = proxyClient(app.url, { shop: SHOP, secret: localSecret(app.dataDir) });
});
afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

const chat = () => new Chat(client, `v-llm-${++visitors}`);

async function outcomes(): Promise<Record<string, number>> {
  const text = await (await fetch(`${app.url}/api/metrics`)).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^concierge_language_model_calls_total\{outcome="(\w+)"\} (\d+)/gm))
    out[m[1]] = Number(m[2]);
  return out;
}

describe("the concierge with a language model", () => {
  it("lets the model read what the rules cannot, and says so in understanding.source", async () => {
    fake.mode = "good";
    fake.answer = { intent: "care_warranty", entities: { category: "necklace" } };
    const turn = await chat().say("my doohickey thing went kinda funky on one end");
    expect(turn.body.understanding).toMatchObject({ intent: "care_warranty", source: "model" });
    expect(turn.messages.length).toBeGreaterThan(0);

    const confident = await chat().say("where is my order");
    expect(confident.body.understanding).toMatchObject({ intent: "track_order", source: "rules" });
  });

  it("sends nothing personal: emails, phones, order numbers and postal codes never reach the model server", async () => {
    fake.mode = "good";
    fake.answer = { intent: "stylist_contact", entities: { email: "[EMAIL_1]" } };
    const before = fake.received.length;
    const messages = [
      "jane.doe@example.com wrote about the gizmo, it is odd",
      "my number is +44 20 7946 0958, the gizmo is odd",
      "postcode EC1A 1BB and the gizmo is odd",
      "the gizmo 1029 is odd, honestly",
      "hmm 94110 is where the doohickey went odd",
    ];
    for (const text of messages) {
      const turn = await chat().say(text);
      expect(turn.body.understanding.source, text).toBe("model");
    }
    // Every one of them reached the model server, masked.
    expect(fake.received.length - before).toBe(messages.length);
    const sent = everythingSent(fake);
    for (const secret of ["jane.doe", "example.com", "7946", "0958", "EC1A", "1BB", "1029", "94110"]) {
      expect(sent, `the model server must not see ${secret}`).not.toContain(secret);
    }
    expect(sent).toContain("[EMAIL_1]");
    // The key is the operator's, sent only as the bearer token the API asks for.
    expect(fake.received[0].headers.authorization).toBe("Bearer sk-concierge-test-0001");
  });

  it.each(["slow", "invalid_json", "429", "500"] as const)(
    "answers from the rules when the model server is %s",
    async (mode) => {
      fake.mode = mode;
      const started = Date.now();
      const turn = await chat().say(`hmm the whatsit is being odd today, case ${mode}`);
      expect(Date.now() - started).toBeLessThan(2500);
      expect(turn.body.understanding).toMatchObject({ intent: "clarify", source: "rules" });
      // Never a dead end: the chooser with a stylist.
      expect(turn.messages.some((m) => m.type === "quick_replies")).toBe(true);
    },
  );

  it("counts every call by outcome, the breaker included", async () => {
    fake.mode = "500";
    // The breaker opens after three failures in a row; the next unreadable message does not reach the server.
    for (const n of [1, 2, 3]) await chat().say(`mumble mumble thingy number ${"z".repeat(n)}`);
    const before = fake.received.length;
    await chat().say("mumble mumble thingy once more");
    expect(fake.received.length).toBe(before);
    const counted = await outcomes();
    expect(counted.used).toBeGreaterThanOrEqual(1);
    expect(counted.timeout).toBeGreaterThanOrEqual(1);
    expect(counted.invalid).toBeGreaterThanOrEqual(1);
    expect(counted.error).toBeGreaterThanOrEqual(2);
    expect(counted.breaker_open).toBeGreaterThanOrEqual(1);
  });
});
