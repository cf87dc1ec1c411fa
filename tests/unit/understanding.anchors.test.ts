// Anchored word lists (phrases.ts) skip a message that holds none of a list's anchor words: this must never
// change an answer. Every compiled list is compared with the same expression run unconditionally.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyse, fold } from "~/concierge/understanding";
import * as lexicon from "~/concierge/understanding/lexicon";
import { mayMatch } from "~/concierge/understanding/phrases";
import { BENCH_MESSAGES, UNREADABLE_MESSAGES } from "../../bench/messages";
import { HELD_OUT } from "../../bench/heldout";

const shared = JSON.parse(
  readFileSync(new URL("../../../shared/cases/understanding.json", import.meta.url), "utf8"),
) as { cases: { text?: string; turns?: string[] }[] };

const messages = [
  ...BENCH_MESSAGES,
  ...UNREADABLE_MESSAGES,
  ...HELD_OUT.flatMap((c) => c.turns ?? [c.text ?? ""]),
  ...shared.cases.flatMap((c) => c.turns ?? [c.text ?? ""]),
].map((m) => analyse(fold(m)).text);

const lists: [string, RegExp][] = Object.entries(lexicon).flatMap(([name, value]): [string, RegExp][] => {
  if (value instanceof RegExp) return [[name, value]];
  if (value && typeof value === "object" && "strong" in value) {
    const { strong, weak } = value as { strong: RegExp; weak: RegExp | null };
    return [[`${name}.strong`, strong], ...(weak ? ([[`${name}.weak`, weak]] as [string, RegExp][]) : [])];
  }
  return [];
});

describe("anchored word lists", () => {
  it("cover the lexicon", () => {
    expect(lists.length).toBeGreaterThan(20);
    expect(messages.length).toBeGreaterThan(150);
  });

  it.each(lists)("%s answers exactly as the unanchored expression", (_name, re) => {
    const plain = new RegExp(re.source, re.flags.replace("g", ""));
    for (const text of messages) {
      expect(re.test(text), text).toBe(plain.test(text));
      if (!mayMatch(re, text)) expect(plain.test(text), text).toBe(false);
      re.lastIndex = 0;
    }
  });
});
