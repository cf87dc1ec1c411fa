// The demo catalog's generated SVG illustrations: well-formed, accessible, escaped and small.

import { describe, expect, it } from "vitest";
import { CATEGORIES, METALS, type Metal } from "~/concierge/understanding/types";
import { demoProducts } from "~/demo/catalog";
import { demoImageSvg, demoProductSvg } from "~/demo/images";

/** A small tag-balance check: every opened element is closed in order, so the markup parses as XML. */
function assertBalanced(svg: string): void {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);
  // Nothing that looks like markup was left unmatched by the tag pattern (e.g. a raw "<" in text).
  const leftover = svg.replace(/<\/?[a-zA-Z][\w:-]*(?:\s+[\w:-]+="[^"<]*")*\s*\/?>/g, "");
  expect(leftover).not.toMatch(/[<>]/);
  // Every "&" starts an entity.
  expect(svg.replace(/&(amp|lt|gt|quot|apos);/g, "")).not.toContain("&");
}

const metals: (Metal | null)[] = [...METALS, null];

describe("demoProductSvg", () => {
  it.each(CATEGORIES.flatMap((category) => metals.map((metal) => [category, metal] as const)))(
    "draws a %s in %s as a small, well-formed, titled SVG",
    (category, metal) => {
      const svg = demoProductSvg({ title: `Test ${category} piece`, category, metal });
      expect(svg.startsWith("<svg ")).toBe(true);
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      expect(svg).toContain('viewBox="0 0 200 200"');
      expect(svg).toMatch(/<title[^>]*>Test \w+ piece<\/title>/);
      expect(svg).toContain('role="img"');
      expect(svg.endsWith("</svg>")).toBe(true);
      expect(Buffer.byteLength(svg, "utf8")).toBeLessThanOrEqual(2048);
      assertBalanced(svg);
    },
  );

  it("uses a different gradient for each metal family", () => {
    const stops = (metal: Metal) =>
      /<linearGradient[^>]*>(.*?)<\/linearGradient>/.exec(
        demoProductSvg({ title: "Ring", category: "ring", metal }),
      )?.[1];
    const families: Metal[] = ["yellow_gold", "white_gold", "rose_gold", "platinum", "silver"];
    expect(new Set(families.map(stops)).size).toBe(families.length);
  });

  it("escapes < and & (and quotes) in titles", () => {
    const svg = demoProductSvg({
      title: `Tom & Jerry's <script>alert("x")</script> Ring`,
      category: "ring",
      metal: "platinum",
    });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("Tom &amp; Jerry&apos;s &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Ring");
    assertBalanced(svg);
  });

  it("stays within 2 KB even for a very long title full of characters to escape", () => {
    const svg = demoProductSvg({ title: "<&>".repeat(400), category: "necklace", metal: "rose_gold" });
    expect(Buffer.byteLength(svg, "utf8")).toBeLessThanOrEqual(2048);
    assertBalanced(svg);
  });
});

describe("demoImageSvg", () => {
  it("serves a small, well-formed SVG for every demo product's image URL, titled with the product", () => {
    for (const p of demoProducts()) {
      const handle = /^\/demo-images\/(.+)\.svg$/.exec(p.images[0].url)?.[1];
      expect(handle).toBe(p.handle);
      const svg = demoImageSvg(handle!);
      expect(svg, p.handle).not.toBeNull();
      expect(Buffer.byteLength(svg!, "utf8"), p.handle).toBeLessThanOrEqual(2048);
      expect(svg).toContain(`<title id="t">${p.title.replace(/&/g, "&amp;")}</title>`);
      assertBalanced(svg!);
    }
    expect(demoImageSvg(`${demoProducts()[0].handle}.svg`)).toBe(demoImageSvg(demoProducts()[0].handle));
  });

  it("returns null for an unknown handle", () => {
    expect(demoImageSvg("no-such-piece")).toBeNull();
    expect(demoImageSvg("../../etc/passwd")).toBeNull();
  });
});
