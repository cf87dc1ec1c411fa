// The catalog mapping as staff write it in Settings and on the command line: per attribute, one source per line
// (or comma), tried in order — `metafield:namespace.key`, `option:Metal`, `tag:prefix`, `tag`, `product_type`,
// `title`. Pure: parsing answers the first line it cannot read, so the form can say which.

import type { AttributeSource, CatalogMapping } from "~/store/port";

export const MAPPING_ATTRIBUTES = ["category", "metal", "readyToShip"] as const;
export type MappingAttribute = (typeof MAPPING_ATTRIBUTES)[number];

/** More sources than this is a mistake, not a convention. */
export const MAX_SOURCES = 10;

const NAME = /^[\p{L}\p{N} _.:=/-]{1,60}$/u;
const METAFIELD = /^metafield:([\w-]{1,60})\.([\w-]{1,60})$/i;

export function sourceText(source: AttributeSource): string {
  switch (source.from) {
    case "metafield":
      return `metafield:${source.namespace}.${source.key}`;
    case "option":
      return `option:${source.name}`;
    case "tag":
      return source.prefix ? `tag:${source.prefix}` : "tag";
    case "product_type":
    case "title":
      return source.from;
  }
}

export function sourcesText(sources: AttributeSource[]): string {
  return sources.map(sourceText).join("\n");
}

function parseSource(line: string): AttributeSource | null {
  const lower = line.toLowerCase();
  if (lower === "tag") return { from: "tag" };
  if (lower === "title") return { from: "title" };
  if (lower === "product_type" || lower === "product type") return { from: "product_type" };
  const metafield = METAFIELD.exec(line);
  if (metafield) return { from: "metafield", namespace: metafield[1], key: metafield[2] };
  const [kind, ...rest] = line.split(":");
  const value = rest.join(":").trim();
  if (!value || !NAME.test(value)) return null;
  if (kind.trim().toLowerCase() === "option") return { from: "option", name: value };
  // A tag prefix keeps its own separator ("metal:" reads "metal:gold"; "ready-to-ship" reads the bare tag).
  if (kind.trim().toLowerCase() === "tag") return { from: "tag", prefix: value };
  return null;
}

export type ParsedSources = { ok: true; sources: AttributeSource[] } | { ok: false; problem: string };

/** One attribute's sources from the text staff typed (blank lines ignored, duplicates dropped). */
export function parseSources(text: string): ParsedSources {
  const lines = [
    ...new Set(
      text
        .split(/[\n,]+/)
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
  if (lines.length === 0) return { ok: false, problem: "name at least one source" };
  if (lines.length > MAX_SOURCES) return { ok: false, problem: `at most ${MAX_SOURCES} sources` };
  const sources: AttributeSource[] = [];
  for (const line of lines) {
    const source = parseSource(line);
    if (!source) {
      return {
        ok: false,
        problem: `“${line.slice(0, 60)}” is not a source (metafield:namespace.key, option:Name, tag:prefix, tag, product_type or title)`,
      };
    }
    sources.push(source);
  }
  return { ok: true, sources };
}

export function mappingText(mapping: CatalogMapping): Record<MappingAttribute, string> {
  return {
    category: sourcesText(mapping.category),
    metal: sourcesText(mapping.metal),
    readyToShip: sourcesText(mapping.readyToShip),
  };
}
