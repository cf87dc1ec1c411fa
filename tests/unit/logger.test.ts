import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, redactUrl } from "~/platform/logger.server";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger("info", stream), lines };
}

describe("logger", () => {
  it("redacts personal data and secrets by field name", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        email: "ana@example.com",
        phone: "+1 555 0100",
        orderNumber: "1042",
        text: "my address is 1 Main St",
        contact: { name: "Ana", email: "ana@example.com" },
        headers: { authorization: "Bearer s3cret", cookie: "sid=1" },
        shop: "demo.myshopify.com",
      },
      "lookup",
    );
    const out = lines.join("");
    for (const secret of ["ana@example.com", "555 0100", "1042", "Main St", "s3cret", "sid=1"])
      expect(out).not.toContain(secret);
    expect(out).toContain("demo.myshopify.com");
  });

  it("scrubs emails typed into free text anywhere in a log line", () => {
    const { logger, lines } = capture();
    logger.warn({ detail: { note: "reach me at bea.r@mail.co.uk" } }, "shopper wrote jo@x.io");
    const out = lines.join("");
    expect(out).not.toContain("bea.r@mail.co.uk");
    expect(out).not.toContain("jo@x.io");
    expect(out).toContain("[email]");
  });

  it("redacts signature, tokens and customer ids from URLs", () => {
    const url = redactUrl(
      "/proxy/config?shop=a.myshopify.com&signature=abc&id_token=eyJ&logged_in_customer_id=42&visitorId=v1",
    );
    expect(url).not.toMatch(/abc|eyJ|42/);
    expect(url).toContain("shop=a.myshopify.com");
    expect(url).toContain("visitorId=v1");
    expect(redactUrl("/api/health")).toBe("/api/health");
  });
});
