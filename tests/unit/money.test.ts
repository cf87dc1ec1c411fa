import { describe, expect, it } from "vitest";
import { formatMoney } from "~/concierge/money";

describe("formatMoney", () => {
  const cases: [amount: number, currency: string | undefined, expected: string][] = [
    [1000, "USD", "$1,000"],
    [1000, undefined, "$1,000"],
    [1299.5, "USD", "$1,299.50"],
    [1299.99, "USD", "$1,299.99"],
    [0, "USD", "$0"],
    [0.5, "USD", "$0.50"],
    [12, "USD", "$12"],
    [800, "USD", "$800"],
    [1_250_000, "USD", "$1,250,000"],
    [999.999, "USD", "$1,000"], // whole to the cent
    [1000.004, "USD", "$1,000"],
    [-25, "USD", "-$25"],
    [1000, "usd", "$1,000"], // code case-insensitive
    [1000, "CAD", "CA$1,000"],
    [1000, "EUR", "€1,000"],
    [1299.5, "EUR", "€1,299.50"],
    [1000, "GBP", "£1,000"],
    [1000, "JPY", "¥1,000"],
  ];
  it.each(cases)("%d %s → %s", (amount, currency, expected) => {
    expect(currency === undefined ? formatMoney(amount) : formatMoney(amount, currency)).toBe(expected);
  });

  it("formats with another locale when asked", () => {
    expect(formatMoney(1299.5, "EUR", "de-DE").replace(/\s/g, " ")).toBe("1.299,50 €");
    expect(formatMoney(1000, "EUR", "de-DE").replace(/\s/g, " ")).toBe("1.000 €");
  });

  it("does not throw on an unknown currency code", () => {
    expect(formatMoney(1000, "ZZZZ")).toBe("1,000 ZZZZ");
    expect(formatMoney(1299.5, "ZZZZ")).toBe("1,299.50 ZZZZ");
  });

  it("falls back to USD for an empty code and shows a dash for non-finite amounts", () => {
    expect(formatMoney(10, "")).toBe("$10");
    expect(formatMoney(Number.NaN)).toBe("—");
    expect(formatMoney(Number.POSITIVE_INFINITY)).toBe("—");
  });
});
