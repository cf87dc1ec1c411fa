// What /proxy/config serves of the merchant's Settings → Widget appearance (ADR 0005): position and accent always,
// the label and greeting only when the merchant wrote their own, so a storefront's locale copy is not overruled.
import { describe, expect, it } from "vitest";
import { defaultShopSettings } from "~/concierge/shopDefaults";
import { servedAppearance } from "~/services/widgetConfig.server";

const stock = defaultShopSettings().appearance;

describe("servedAppearance", () => {
  it("leaves out the stock English label and greeting, keeping position and accent", () => {
    expect(servedAppearance(stock)).toEqual({ position: stock.position, accentColor: stock.accentColor });
  });

  it("serves the merchant's own label and greeting as written", () => {
    const own = { ...stock, position: "bottom-left" as const, launcherLabel: "Ask Aurora", greeting: "Bienvenue !" };
    expect(servedAppearance(own)).toEqual(own);
  });

  it("serves an own label with the stock greeting, and the other way round", () => {
    expect(servedAppearance({ ...stock, launcherLabel: "Ask Aurora" })).not.toHaveProperty("greeting");
    expect(servedAppearance({ ...stock, greeting: "Hi there" })).not.toHaveProperty("launcherLabel");
  });
});
