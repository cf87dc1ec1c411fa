// The dev storefront's Liquid: the `json` filter escapes like Shopify's, so a merchant setting can never close the
// <script> it is printed into; the real block renders its settings, strings and deferred launcher.

import { describe, expect, it } from "vitest";
import { createLiquid, schemaDefaults, shopifyJson } from "../../app/devStorefront/liquid.server";

const EVIL = "</script><script>window.__pwned = 1</script>";

function render(settings: Record<string, unknown> = {}, locale = "en") {
  const liquid = createLiquid({});
  return liquid.renderBlock(
    {
      request: { locale: { iso_code: locale } },
      routes: { root_url: "/" },
      template: { name: "index" },
      shop: { email: "studio@example.com" },
      customer: null,
    },
    settings,
  );
}

function settingsOf(html: string) {
  const match = /<script type="application\/json" id="aurora-concierge-settings">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(match![1]);
}

describe("json filter", () => {
  it("escapes <, >, &, / and the JavaScript line separators like Shopify", () => {
    expect(shopifyJson(EVIL)).toBe(
      '"\\u003c\\/script\\u003e\\u003cscript\\u003ewindow.__pwned = 1\\u003c\\/script\\u003e"',
    );
    expect(shopifyJson("a & b\u2028\u2029")).toBe('"a \\u0026 b\\u2028\\u2029"');
    expect(shopifyJson(undefined)).toBe("null");
    expect(JSON.parse(shopifyJson({ label: EVIL }))).toEqual({ label: EVIL });
  });
});

describe("the app embed block", () => {
  it("keeps a merchant setting containing </script><script> inside the JSON element, intact", () => {
    const html = render({ launcher_label: EVIL, greeting: EVIL });
    expect(html).not.toContain("</script><script>");
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the JSON element's and the launcher's, nothing else
    expect(settingsOf(html)).toMatchObject({ label: EVIL, greeting: EVIL });
  });

  it("renders the schema defaults, the locale's strings and a deferred launcher", () => {
    const html = render({}, "fr");
    const settings = settingsOf(html);
    expect(settings).toMatchObject({
      proxy: "/apps/concierge",
      locale: "fr",
      position: "right",
      offset: 20,
      loggedIn: false,
    });
    expect(settings.strings.launcher).toBe("Discuter avec notre concierge");
    expect(settings.panel).toMatch(/^\/cdn\/extensions\/concierge-widget\/assets\/concierge-panel\.js\?v=/);
    expect(html).toMatch(
      /<script src="\/cdn\/extensions\/concierge-widget\/assets\/concierge-launcher\.js\?v=\w+" defer><\/script>/,
    );
  });

  it("renders nothing on a template the merchant hid it from", () => {
    const liquid = createLiquid({});
    const scope = { request: { locale: { iso_code: "en" } }, routes: { root_url: "/" }, shop: {}, customer: null };
    expect(liquid.renderBlock({ ...scope, template: { name: "password" } }).trim()).toBe("");
    expect(
      liquid.renderBlock({ ...scope, template: { name: "cart" } }, { hidden_templates: "product, Cart" }).trim(),
    ).toBe("");
    expect(liquid.renderBlock({ ...scope, template: { name: "product" } }, { hidden_templates: "cart" })).toContain(
      "concierge-launcher.js",
    );
  });

  it("reads setting defaults from the schema", () => {
    expect(schemaDefaults('{% schema %}{"settings":[{"id":"a","default":3},{"id":"b"}]}{% endschema %}')).toEqual({
      a: 3,
      b: null,
    });
  });
});
