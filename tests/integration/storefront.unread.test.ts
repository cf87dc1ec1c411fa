// The launcher's unread badge: GET /proxy/config with the visitor's conversationId counts agent replies not yet
// seen; reading the transcript marks them seen; another visitor's conversation counts nothing.

import { describe, expect, it } from "vitest";
import { appendAgentReply } from "../support/agentReply";
import { answer, journeyApp, SHOP } from "../support/concierge";
import { expectResponseMatchesSpec } from "../support/openapi";
import type { RunningApp } from "../support/app";
import type { ProxyClient } from "../support/proxy";

let app: RunningApp;
let client: ProxyClient;
const chat = journeyApp("unread", (started) => ({ app, client } = started));

describe("GET /proxy/config?conversationId=", () => {
  it("counts agent replies until the visitor reads the transcript, and only for the owner", async () => {
    const c = chat();
    await c.say("talk to a human");
    const id = c.conversationId!;
    const config = async (visitorId: string) => answer(await client.get("config", { visitorId, conversationId: id }));

    const before = await config(c.visitorId);
    expect(before.body.unread).toBe(0);
    expectResponseMatchesSpec("GET", "/proxy/config", 200, before.body);

    const replyId = await appendAgentReply(`file:${app.databasePath}`, SHOP, id, "Hi, this is Maya from the studio.");
    const after = await config(c.visitorId);
    expect(after.body).toMatchObject({ enabled: true, unread: 1 });
    expectResponseMatchesSpec("GET", "/proxy/config", 200, after.body);
    expect((await config("v-unread-someone-else")).body.unread).toBe(0);

    const transcript = await answer(await client.get(`conversations/${id}`, { visitorId: c.visitorId }));
    expect(transcript.body.conversation.messages.at(-1)).toMatchObject({
      id: replyId,
      type: "text",
      role: "agent",
      text: "Hi, this is Maya from the studio.",
    });
    expect((await config(c.visitorId)).body.unread).toBe(0);
  });

  it("leaves unread out when no conversation is named, and refuses a malformed id", async () => {
    const plain = await answer(await client.get("config", { visitorId: "v-unread-plain" }));
    expect(plain.status).toBe(200);
    expect(plain.body).not.toHaveProperty("unread");
    const bad = await answer(await client.get("config", { visitorId: "v-unread-plain", conversationId: "a b" }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation.failed");
  });
});
