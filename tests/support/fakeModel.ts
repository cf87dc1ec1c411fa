// An OpenAI-compatible chat-completions server on loopback: the network boundary of the optional language model.
// It answers well, slowly, with invalid JSON, or with HTTP 429 / 500, as the test asks, and keeps every request
// it received so a test can read exactly what left the app.

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeMode = "good" | "slow" | "invalid_json" | "not_json_object" | "429" | "500";

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface FakeModel {
  /** Base URL to configure (`LLM_BASE_URL`), ending in /v1. */
  url: string;
  mode: FakeMode;
  /** What a "good" answer says (the assistant's JSON content). */
  answer: unknown;
  /** How long a "slow" answer takes. */
  slowMs: number;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startFakeModel(): Promise<FakeModel> {
  const fake = {
    mode: "good" as FakeMode,
    answer: { intent: "care_warranty", entities: {} } as unknown,
    slowMs: 3000,
    received: [] as ReceivedRequest[],
  };
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      fake.received.push({ path: req.url ?? "", headers: req.headers, body });
      const reply = (status: number, payload: string) => {
        if (res.writableEnded || res.destroyed) return;
        res.writeHead(status, { "content-type": "application/json" });
        res.end(payload);
      };
      const completion = (content: string) =>
        JSON.stringify({
          id: "chatcmpl-test",
          object: "chat.completion",
          model: "fake",
          choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        });
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) return reply(404, "{}");
      switch (fake.mode) {
        case "good":
          return reply(200, completion(JSON.stringify(fake.answer)));
        case "slow": {
          const timer = setTimeout(() => {
            timers.delete(timer);
            reply(200, completion(JSON.stringify(fake.answer)));
          }, fake.slowMs);
          timers.add(timer);
          return;
        }
        case "invalid_json":
          return reply(200, completion("{ intent: care_warranty, this is not json"));
        case "not_json_object":
          return reply(200, "<html>gateway</html>");
        case "429":
          return reply(429, JSON.stringify({ error: { message: "rate limit reached", type: "rate_limit" } }));
        case "500":
          return reply(500, JSON.stringify({ error: { message: "internal error" } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/v1`,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/** Everything the model server was sent (bodies and headers), as one string to search. */
export function everythingSent(fake: FakeModel): string {
  return fake.received.map((r) => `${JSON.stringify(r.headers)}\n${r.body}`).join("\n");
}
