import { describe, expect, it } from "vitest";
import { saltedHash, sanitiseProps } from "~/services/analytics.server";

const SALT = "test-salt-0123456789";

describe("analytics properties", () => {
  it("replaces identifying values with salted hashes and drops the raw value", () => {
    const out = sanitiseProps(SALT, {
      email: "Ana@Example.com",
      phone: "+1 555 0100",
      orderNumber: "#1042",
      customerId: "7781",
      postalCode: "10013",
    });
    const json = JSON.stringify(out);
    for (const raw of ["Ana@Example.com", "ana@example.com", "555", "1042", "7781", "10013"])
      expect(json).not.toContain(raw);
    expect(out.emailHash).toBe(saltedHash(SALT, "email", "ana@example.com"));
    expect(out.orderNumberHash).toMatch(/^[0-9a-f]{32}$/);
    expect(Object.keys(out).sort()).toEqual([
      "customerIdHash",
      "emailHash",
      "orderNumberHash",
      "phoneHash",
      "postalCodeHash",
    ]);
  });

  it("hashes identifying values sent as numbers too", () => {
    const out = sanitiseProps(SALT, { phone: 5551234567, orderNumber: 1042, zip: 90210 });
    expect(JSON.stringify(out)).not.toMatch(/5551234567|1042|90210/);
    expect(Object.keys(out).sort()).toEqual(["orderNumberHash", "phoneHash", "zipHash"]);
  });

  it("hashes the same value the same way with one salt and differently with another", () => {
    expect(saltedHash(SALT, "email", "a@b.co")).toBe(saltedHash(SALT, "email", " A@B.co "));
    expect(saltedHash(SALT, "email", "a@b.co")).not.toBe(saltedHash("another-salt-987654", "email", "a@b.co"));
    expect(saltedHash(SALT, "email", "1042")).not.toBe(saltedHash(SALT, "orderNumber", "1042"));
  });

  it("keeps free text only as a length", () => {
    const out = sanitiseProps(SALT, {
      text: "my ring is size 7, call me",
      comment: "great",
      q: "rose gold",
      query: "x",
    });
    expect(out).toEqual({ textLength: 26, commentLength: 5, qLength: 9, queryLength: 1 });
  });

  it("keeps numbers, booleans, our ids and short tokens; drops strings that could carry personal data", () => {
    const out = sanitiseProps(SALT, {
      productId: "prod_1001",
      conversationId: "conv_Sm8rbUitbn_hT0r_uvm0FA",
      intent: "find_product",
      position: 2,
      readyToShip: true,
      none: null,
      ref: "1042",
      contactInfo: "someone@example.com",
      source: "launcher button",
      long: "x".repeat(65),
    });
    expect(out).toEqual({
      productId: "prod_1001",
      conversationId: "conv_Sm8rbUitbn_hT0r_uvm0FA",
      intent: "find_product",
      position: 2,
      readyToShip: true,
      none: null,
    });
  });
});
