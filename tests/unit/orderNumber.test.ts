import { describe, expect, it } from "vitest";
import { normaliseOrderNumber } from "~/concierge/orderNumber";

describe("normaliseOrderNumber", () => {
  const cases: [raw: string, expected: string][] = [
    ["#1042", "1042"],
    ["1042", "1042"],
    ["gg-1042", "GG1042"],
    ["GG-1042", "GG1042"],
    ["GG1042", "GG1042"],
    [" # 10 42 ", "1042"],
    ["##1042", "1042"],
    ["#GG-10-42", "GG1042"],
    ["gg 1042", "GG1042"],
    ["\t#1042\n", "1042"],
    ["#\u00a01042", "1042"], // no-break space
    ["GG\u20131042", "GG1042"], // en dash, as phones autocorrect
    ["GG\u20141042", "GG1042"], // em dash
    ["GG\u20111042", "GG1042"], // non-breaking hyphen
    ["\uff031042", "1042"], // full-width number sign
    ["aurora-1042-b", "AURORA1042B"],
    ["", ""],
    ["#", ""],
    [" - ", ""],
  ];
  it.each(cases)("%j → %j", (raw, expected) => {
    expect(normaliseOrderNumber(raw)).toBe(expected);
  });

  it("keeps characters other than #, white space and hyphens", () => {
    expect(normaliseOrderNumber("GG_1042")).toBe("GG_1042");
    expect(normaliseOrderNumber("1042/1")).toBe("1042/1");
    expect(normaliseOrderNumber("1042.0")).toBe("1042.0");
  });

  it("is idempotent", () => {
    for (const [raw] of cases) {
      const once = normaliseOrderNumber(raw);
      expect(normaliseOrderNumber(once)).toBe(once);
    }
  });

  it("maps every spelling of the same order to one key", () => {
    const spellings = ["#GG-1042", "gg-1042", "GG 1042", " gg1042 ", "Gg\u20131042"];
    expect(new Set(spellings.map(normaliseOrderNumber))).toEqual(new Set(["GG1042"]));
  });
});
