// The shop's catalog in memory for ranking: loaded once, checked against the store's catalog version at most
// once a second, so a write from any process or path (webhooks, imports, the CLI) is seen within that second.
// Bounded: a catalog past MAX_PER_SHOP is not indexed (the store query serves it), and past MAX_TOTAL products
// across shops the least recently used shop is dropped.

import type { Runtime } from "~/platform/runtime.server";
import type { Product } from "~/store/port";

const RECHECK_MS = 1_000;
const MAX_PER_SHOP = 5_000;
const MAX_TOTAL = 20_000;
const PAGE = 100;

export interface CatalogIndex {
  version: string;
  /** Every product of the shop, any status, in id order (the store's order). */
  all: readonly Product[];
  /** The active ones, in id order: what discovery ranks. */
  active: readonly Product[];
  byId: ReadonlyMap<string, Product>;
}

interface Entry {
  version: string;
  checkedAt: number;
  /** null: the catalog is too large to hold; the store serves it. */
  index: CatalogIndex | null;
}

const entries = new Map<string, Entry>();
const pending = new Map<string, Promise<Entry>>();
let held = 0;

function remember(shop: string, entry: Entry): void {
  const previous = entries.get(shop);
  if (previous?.index) held -= previous.index.all.length;
  entries.delete(shop);
  entries.set(shop, entry);
  if (entry.index) held += entry.index.all.length;
  // Map order is insertion order: the first entries are the least recently used.
  for (const [other, old] of entries) {
    if (held <= MAX_TOTAL || other === shop) break;
    entries.delete(other);
    if (old.index) held -= old.index.all.length;
  }
}

async function load(runtime: Runtime, shop: string, version: string): Promise<CatalogIndex | null> {
  if ((await runtime.store.products.count(shop)) > MAX_PER_SHOP) return null;
  const all: Product[] = [];
  let cursor: string | null = null;
  do {
    const page = await runtime.store.products.find(shop, { activeOnly: false }, { cursor, limit: PAGE });
    all.push(...page.items);
    cursor = page.nextCursor;
    // A large catalog loads in slices, letting other requests run between pages.
    if (cursor) await new Promise((resolve) => setImmediate(resolve));
  } while (cursor && all.length <= MAX_PER_SHOP);
  if (all.length > MAX_PER_SHOP) return null;
  return {
    version,
    all,
    active: all.filter((p) => p.status === "active"),
    byId: new Map(all.map((p) => [p.id, p])),
  };
}

async function refresh(runtime: Runtime, shop: string, current: Entry | undefined): Promise<Entry> {
  const version = await runtime.store.products.catalogVersion(shop);
  const now = Date.now();
  if (current && current.version === version) {
    current.checkedAt = now;
    return current;
  }
  const entry: Entry = { version, checkedAt: now, index: await load(runtime, shop, version) };
  remember(shop, entry);
  return entry;
}

/** The shop's catalog index, or null when the catalog is too large to hold (then query the store). */
export async function catalogIndex(runtime: Runtime, shop: string): Promise<CatalogIndex | null> {
  const current = entries.get(shop);
  if (current && Date.now() - current.checkedAt < RECHECK_MS) return current.index;
  let inFlight = pending.get(shop);
  if (!inFlight) {
    inFlight = refresh(runtime, shop, current).finally(() => pending.delete(shop));
    pending.set(shop, inFlight);
  }
  return (await inFlight).index;
}
