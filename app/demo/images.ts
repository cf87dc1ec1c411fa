// Generated product illustrations for the demo catalog: one small SVG per product, drawn in its metal's colours.

import type { Category, Metal } from "../concierge/understanding/types";
import { demoProducts } from "./catalog";

/** Light and dark stops of each metal's gradient. */
const METAL_STOPS: Record<Metal, [string, string]> = {
  yellow_gold: ["#f9e29c", "#c9962c"],
  gold: ["#f9e29c", "#c9962c"],
  white_gold: ["#f7f7f5", "#aeb3ba"],
  rose_gold: ["#f8d3c4", "#bf7a62"],
  platinum: ["#eef1f4", "#8f99a3"],
  silver: ["#fafafa", "#a3a6ab"],
};
const NEUTRAL_STOPS: [string, string] = ["#eeeeee", "#9a9a9a"];

/** Stone colour picked from the title, so a sapphire piece looks blue and a pearl piece looks like a pearl. */
function stoneColour(title: string): string {
  const t = title.toLowerCase();
  if (t.includes("sapphire")) return "#2f5fb3";
  if (t.includes("emerald") && !t.includes("emerald-cut")) return "#1f8a5b";
  if (t.includes("morganite")) return "#f2b8a8";
  if (t.includes("turquoise")) return "#3fbfb0";
  if (t.includes("moonstone")) return "#dfe8f5";
  if (t.includes("pearl")) return "#efe6d8";
  return "#e8f4fb"; // diamond
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** The piece itself, drawn with stroke/fill `url(#m)` (the metal) and `s` (the stone colour). */
function shape(category: Category, title: string, s: string): string {
  const t = title.toLowerCase();
  const hasStone = /diamond|solitaire|halo|sapphire|emerald|morganite|turquoise|moonstone|pearl|three-stone|pav/.test(
    t,
  );
  switch (category) {
    case "ring": {
      const band = `<ellipse cx="100" cy="120" rx="46" ry="44" fill="none" stroke="url(#m)" stroke-width="${t.includes("signet") || t.includes("dome") ? 14 : 9}"/>`;
      if (t.includes("signet"))
        return `${band}<ellipse cx="100" cy="76" rx="24" ry="14" fill="url(#m)" stroke="#000" stroke-opacity=".15"/>`;
      if (!hasStone) return band;
      return `${band}<path d="M84 66 L92 56 H108 L116 66 L100 84 Z" fill="${s}" stroke="#000" stroke-opacity=".2"/>`;
    }
    case "necklace": {
      const dash = t.includes("chain") ? ` stroke-dasharray="7 3"` : "";
      // The curve's lowest point is y=105; pendants hang from there (a lariat on a short drop).
      const chain = `<path d="M44 40 Q100 170 156 40" fill="none" stroke="url(#m)" stroke-width="4"${dash}/>`;
      if (!(hasStone || t.includes("pendant") || t.includes("locket") || t.includes("lariat"))) return chain;
      const r = t.includes("locket") ? 14 : 9;
      const drop = t.includes("lariat") ? 24 : 0;
      const tail = drop ? `<path d="M100 105 V${105 + drop}" stroke="url(#m)" stroke-width="3"/>` : "";
      const fill = t.includes("locket") || t.includes("initial") ? "url(#m)" : s;
      return `${chain}${tail}<circle cx="100" cy="${105 + drop + r}" r="${r}" fill="${fill}" stroke="#000" stroke-opacity=".2"/>`;
    }
    case "earring": {
      const one = (x: number) =>
        t.includes("hoop") || t.includes("huggie")
          ? `<circle cx="${x}" cy="100" r="${t.includes("large") || t.includes("medium") ? 30 : 20}" fill="none" stroke="url(#m)" stroke-width="7"/>`
          : t.includes("drop") || t.includes("chandelier")
            ? `<circle cx="${x}" cy="70" r="6" fill="url(#m)"/><path d="M${x} 78 V98" stroke="url(#m)" stroke-width="3"/><circle cx="${x}" cy="114" r="14" fill="${s}" stroke="#000" stroke-opacity=".2"/>`
            : `<circle cx="${x}" cy="100" r="14" fill="${hasStone ? s : "url(#m)"}" stroke="url(#m)" stroke-width="4"/>`;
      return one(64) + one(136);
    }
    case "bracelet": {
      const open = t.includes("cuff") ? ` stroke-dasharray="230 40"` : "";
      const base = `<ellipse cx="100" cy="104" rx="62" ry="40" fill="none" stroke="url(#m)" stroke-width="${t.includes("wide") ? 16 : 9}"${open}/>`;
      if (!hasStone) return base;
      const stones = [50, 75, 100, 125, 150]
        .map(
          (x) =>
            `<circle cx="${x}" cy="${Math.round(104 + 40 * Math.sqrt(1 - ((x - 100) / 62) ** 2))}" r="5" fill="${s}" stroke="#000" stroke-opacity=".2"/>`,
        )
        .join("");
      return base + stones;
    }
  }
}

/** A small (≤ 2 KB), self-contained SVG illustration of one piece, with a <title> for screen readers. */
export function demoProductSvg(opts: { title: string; category: Category; metal: Metal | null }): string {
  const [light, dark] = opts.metal ? METAL_STOPS[opts.metal] : NEUTRAL_STOPS;
  // Long titles are trimmed so the drawing always stays inside its size budget.
  const title = escapeXml(opts.title.length > 120 ? `${opts.title.slice(0, 119)}…` : opts.title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="400" height="400" role="img" aria-labelledby="t">` +
    `<title id="t">${title}</title>` +
    `<defs><linearGradient id="m" gradientUnits="userSpaceOnUse" x1="40" y1="40" x2="160" y2="170"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${dark}"/></linearGradient>` +
    `<radialGradient id="b" cx=".5" cy=".4" r=".7"><stop offset="0" stop-color="#fffdf8"/><stop offset="1" stop-color="#efe9df"/></radialGradient></defs>` +
    `<rect width="200" height="200" fill="url(#b)"/>` +
    `<ellipse cx="100" cy="178" rx="58" ry="6" fill="#000" fill-opacity=".06"/>` +
    shape(opts.category, opts.title, stoneColour(opts.title)) +
    `</svg>`
  );
}

let svgByHandle: Map<string, string> | null = null;

/** The SVG for a demo product's image URL (`/demo-images/<handle>.svg`), or null for an unknown handle. */
export function demoImageSvg(handle: string): string | null {
  // Built once on first request: 68 tiny strings, cheaper than regenerating per hit.
  if (!svgByHandle) {
    svgByHandle = new Map(
      demoProducts().map((p) => [p.handle, demoProductSvg({ title: p.title, category: p.category, metal: p.metal })]),
    );
  }
  return svgByHandle.get(handle.replace(/\.svg$/, "")) ?? null;
}
