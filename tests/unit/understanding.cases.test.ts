// Runs every example case of the shared spec (../../../shared/cases/understanding.json).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Case, caseName, runCase } from "./understanding.helpers";

interface SharedCase {
  text?: string;
  turns?: string[];
  intent: Case["intent"];
  entities?: Case["entities"];
  absent?: Case["absent"];
}

const file = new URL("../../../shared/cases/understanding.json", import.meta.url);
const shared = JSON.parse(readFileSync(file, "utf8")) as { cases: SharedCase[] };

describe("understanding: shared example cases", () => {
  it("loads the shared cases", () => {
    expect(shared.cases.length).toBeGreaterThan(30);
  });

  it.each(shared.cases.map((c) => [caseName(c), c] as const))("%s", (_name, c) => {
    runCase(c);
  });
});
