// The language check the journey tests rely on must be able to fail: an English sentence is not French copy, even
// though some templates are made of placeholders alone.

import { describe, expect, it } from "vitest";
import { CATALOGS } from "~/concierge/copy";
import { expectInLanguage } from "../support/copy";

describe("expectInLanguage", () => {
  it("accepts the catalog's own sentences and refuses another language's", () => {
    const fr = CATALOGS.fr["order.notFound"];
    const en = CATALOGS.en["order.notFound"];
    expect(() => expectInLanguage([{ type: "text", text: fr }], "fr")).not.toThrow();
    expect(() => expectInLanguage([{ type: "text", text: en }], "fr")).toThrow(/is not fr copy/);
    expect(() => expectInLanguage([{ type: "text", text: "Thanks, that is all." }], "de")).toThrow(/is not de copy/);
  });
});
