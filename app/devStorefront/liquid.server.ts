// The Liquid side of the dev storefront: liquidjs with the few Shopify pieces the theme and the real app embed
// block use — a `schema` tag, `asset_url`, `stylesheet_tag`, `t`, `money` and a `json` filter that escapes like
// Shopify's, so a merchant setting can never close the <script> element it is printed into.

import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Liquid, Tag, type Context, type TagToken, type TopLevelToken } from "liquidjs";

export const EXTENSION_DIR = join(process.cwd(), "extensions/concierge-widget");
export const BLOCK_FILE = join(EXTENSION_DIR, "blocks/concierge.liquid");
/** Where asset_url points: the built extension assets, served by the dev storefront like Shopify's CDN. */
export const ASSET_PREFIX = "/cdn/extensions/concierge-widget/assets/";

/**
 * Shopify's `json` filter: JSON with `<`, `>`, `&`, `/`, U+2028 and U+2029 escaped, so the output is safe inside
 * <script> (liquidjs's own filter leaves `</script>` as is).
 */
export function shopifyJson(value: unknown): string {
  const text = JSON.stringify(value === undefined ? null : value) ?? "null";
  return text.replace(/[<>&/\u2028\u2029]/g, (c) =>
    c === "/" ? "\\/" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** `{% schema %}…{% endschema %}`: read by the theme editor, renders nothing. */
class SchemaTag extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    while (remainTokens.length) {
      const next = remainTokens.shift()!;
      if ((next as TagToken).name === "endschema") return;
    }
    throw new Error("tag {% schema %} not closed");
  }
  *render(): Generator<unknown, void, unknown> {
    // renders nothing
  }
}

type Locales = Record<string, Record<string, unknown>>;

function readLocales(): Locales {
  const out: Locales = {};
  for (const code of ["en.default", "fr", "es", "de"]) {
    const file = join(EXTENSION_DIR, `locales/${code}.json`);
    if (existsSync(file)) out[code.replace(".default", "")] = JSON.parse(readFileSync(file, "utf8"));
  }
  return out;
}

function lookup(tree: Record<string, unknown> | undefined, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? node : undefined;
}

/** The block's settings as the theme editor would save them untouched: each setting's default. */
export function schemaDefaults(source: string): Record<string, unknown> {
  const match = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/.exec(source);
  if (!match) return {};
  const schema = JSON.parse(match[1]) as { settings?: { id?: string; default?: unknown }[] };
  return Object.fromEntries((schema.settings ?? []).filter((s) => s.id).map((s) => [s.id!, s.default ?? null]));
}

export function createLiquid(
  themeStrings: Record<string, Record<string, string>>,
  templates: Record<string, string> = {},
) {
  const engine = new Liquid({ strictFilters: true, ownPropertyOnly: true, templates });
  let locales = readLocales();
  let assetVersion = Date.now().toString(36);
  const localeOf = (ctx: Context) => String(ctx.getSync(["request", "locale", "iso_code"]) ?? "en");

  engine.registerTag("schema", SchemaTag);
  engine.registerFilter("json", shopifyJson);
  engine.registerFilter("asset_url", (name: string) => `${ASSET_PREFIX}${encodeURIComponent(name)}?v=${assetVersion}`);
  engine.registerFilter(
    "stylesheet_tag",
    (url: string) => `<link rel="stylesheet" href="${escapeHtml(url)}" media="all">`,
  );
  engine.registerFilter("money", function (this: { context: Context }, amount: number) {
    const currency = String(this.context.getSync(["shop", "currency"]) ?? "USD");
    return new Intl.NumberFormat(localeOf(this.context), { style: "currency", currency }).format(Number(amount));
  });
  // Extension strings ("concierge.*") come from the extension's locale files; the theme's from its own table.
  engine.registerFilter("t", function (this: { context: Context }, key: string) {
    const locale = localeOf(this.context);
    const found =
      lookup(locales[locale], key) ?? lookup(locales.en, key) ?? themeStrings[locale]?.[key] ?? themeStrings.en?.[key];
    return found ?? `translation missing: ${locale}.${key}`;
  });

  let block = { mtime: 0, source: "", defaults: {} as Record<string, unknown> };
  /** The real app embed block, re-read when the file changes (edit it and reload the page). */
  function blockSource() {
    const mtime = statSync(BLOCK_FILE).mtimeMs;
    if (mtime !== block.mtime) {
      const source = readFileSync(BLOCK_FILE, "utf8");
      block = { mtime, source, defaults: schemaDefaults(source) };
      locales = readLocales();
      assetVersion = mtime.toString(36).replace(".", "");
    }
    return block;
  }

  return {
    engine,
    /** Renders the app embed block with the given settings over its schema defaults. */
    renderBlock(scope: Record<string, unknown>, settings: Record<string, unknown> = {}): string {
      const { source, defaults } = blockSource();
      return engine.parseAndRenderSync(source, { ...scope, block: { settings: { ...defaults, ...settings } } });
    },
  };
}
