import { describe, expect, it } from "vitest";
import {
  matchesFilters,
  metalMatches,
  niceCeil,
  niceFloor,
  priceTarget,
  rankProducts,
  relaxations,
  stem,
  type RankableProduct,
  type RelaxationKind,
} from "~/concierge/ranking";
import type { Metal, ProductFilters } from "~/concierge/understanding/types";

function product(id: string, overrides: Partial<RankableProduct> = {}): RankableProduct {
  return {
    id,
    title: `Piece ${id}`,
    description: "",
    tags: [],
    category: "ring",
    metal: "yellow_gold",
    price: 500,
    readyToShip: false,
    featured: false,
    inventory: 5,
    ...overrides,
  };
}

const ids = (ranked: { product: { id: string } }[]) => ranked.map((r) => r.product.id);

describe("metalMatches", () => {
  const cases: [wanted: Metal, actual: Metal | null, expected: boolean][] = [
    ["gold", "yellow_gold", true],
    ["gold", "white_gold", true],
    ["gold", "rose_gold", true],
    ["gold", "gold", true],
    ["gold", "platinum", false],
    ["gold", "silver", false],
    ["gold", null, false],
    ["rose_gold", "rose_gold", true],
    ["rose_gold", "gold", false],
    ["rose_gold", "yellow_gold", false],
    ["white_gold", "platinum", false],
    ["platinum", "platinum", true],
    ["silver", "silver", true],
    ["silver", null, false],
  ];
  it.each(cases)("%s accepts %s: %s", (wanted, actual, expected) => {
    expect(metalMatches(wanted, actual)).toBe(expected);
  });
});

describe("matchesFilters", () => {
  const ring = product("r", { category: "ring", metal: "rose_gold", price: 800, readyToShip: true });
  const cases: [name: string, p: RankableProduct, filters: ProductFilters, expected: boolean][] = [
    ["no filters", ring, {}, true],
    ["category match", ring, { category: "ring" }, true],
    ["category mismatch", ring, { category: "necklace" }, false],
    ["exact metal", ring, { metal: "rose_gold" }, true],
    ["gold family", ring, { metal: "gold" }, true],
    ["other gold", ring, { metal: "white_gold" }, false],
    ["platinum", ring, { metal: "platinum" }, false],
    ["no metal on product, metal asked", product("x", { metal: null }), { metal: "gold" }, false],
    ["no metal on product, none asked", product("x", { metal: null }), { category: "ring" }, true],
    ["ceiling equal to price is inclusive", ring, { priceMax: 800 }, true],
    ["ceiling just below price", ring, { priceMax: 799.99 }, false],
    ["floor equal to price is inclusive", ring, { priceMin: 800 }, true],
    ["floor just above price", ring, { priceMin: 800.01 }, false],
    ["range containing price", ring, { priceMin: 500, priceMax: 1000 }, true],
    ["range on both edges", ring, { priceMin: 800, priceMax: 800 }, true],
    ["range below price", ring, { priceMin: 100, priceMax: 500 }, false],
    ["ready to ship wanted, is", ring, { readyToShip: true }, true],
    ["ready to ship wanted, made to order", product("m", { readyToShip: false }), { readyToShip: true }, false],
    ["made to order wanted, is ready", ring, { readyToShip: false }, false],
    ["made to order wanted, is", product("m", { readyToShip: false }), { readyToShip: false }, true],
    ["gift is not a filter", product("g", { tags: [] }), { gift: true }, true],
    [
      "ring size with a matching variant",
      product("s", { variants: [{ ringSize: 6 }, { ringSize: 6.5 }] }),
      { ringSize: 6.5 },
      true,
    ],
    [
      "ring size without a matching variant",
      product("s", { variants: [{ ringSize: 6 }, { ringSize: null }] }),
      { ringSize: 7 },
      false,
    ],
    [
      "ring size on a product without sized variants",
      product("n", { category: "necklace", variants: [{ ringSize: null }] }),
      { ringSize: 6 },
      false,
    ],
    ["ring size unknown without variants (store checks it)", product("s"), { ringSize: 7 }, true],
    [
      "everything at once",
      ring,
      { category: "ring", metal: "gold", priceMin: 500, priceMax: 800, readyToShip: true, gift: true },
      true,
    ],
  ];
  it.each(cases)("%s", (_name, p, filters, expected) => {
    expect(matchesFilters(p, filters)).toBe(expected);
  });
});

describe("stem", () => {
  const cases: [string, string][] = [
    ["studs", "stud"],
    ["hoops", "hoop"],
    ["rings", "ring"],
    ["necklaces", "necklace"],
    ["earrings", "earring"],
    ["anniversaries", "anniversary"],
    ["watches", "watch"],
    ["boxes", "box"],
    ["brass", "brass"],
    ["cubic", "cubic"],
    ["lotus", "lotus"],
    ["tennis", "tennis"],
    ["Pearls", "pearl"],
    ["gold", "gold"],
  ];
  it.each(cases)("%s → %s", (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe("priceTarget", () => {
  const cases: [name: string, filters: ProductFilters, prices: number[], expected: number | null][] = [
    ["range → middle", { priceMin: 400, priceMax: 600 }, [1, 2], 500],
    ["ceiling only → the ceiling", { priceMax: 800 }, [100, 200], 800],
    ["floor only → the floor", { priceMin: 500 }, [100, 9000], 500],
    ["no price → median (odd)", {}, [100, 10_000, 1000], 1000],
    ["no price → median (even)", {}, [100, 200, 300, 400], 250],
    ["no price, no products", {}, [], null],
  ];
  it.each(cases)("%s", (_name, filters, prices, expected) => {
    expect(priceTarget(filters, prices)).toBe(expected);
  });
});

describe("rankProducts", () => {
  it("only ranks products that match the filters (never relaxes silently)", () => {
    const products = [
      product("a", { metal: "rose_gold", price: 700, readyToShip: true }),
      product("b", { metal: "rose_gold", price: 900, readyToShip: true }), // over budget
      product("c", { metal: "white_gold", price: 700, readyToShip: true }), // wrong metal
      product("d", { metal: "rose_gold", price: 700, readyToShip: false }), // made to order
      product("e", { category: "necklace", metal: "rose_gold", price: 700, readyToShip: true }),
      product("f", { metal: "rose_gold", price: 800, readyToShip: true }), // on the ceiling: inclusive
    ];
    const ranked = rankProducts(products, {
      filters: { category: "ring", metal: "rose_gold", priceMax: 800, readyToShip: true },
      terms: [],
    });
    expect(ids(ranked).sort()).toEqual(["a", "f"]);
    expect(rankProducts(products, { filters: { category: "bracelet" }, terms: [] })).toEqual([]);
  });

  it("returns the caller's own objects (extra fields kept)", () => {
    const p = { ...product("a"), handle: "a-ring", images: ["x.jpg"] };
    const [first] = rankProducts([p], { filters: {}, terms: [] });
    expect(first.product).toBe(p);
    expect(first.product.handle).toBe("a-ring");
  });

  it("ranks a term in the title above tags above description above no match", () => {
    const products = [
      product("none"),
      product("desc", { description: "A classic solitaire setting." }),
      product("tag", { tags: ["solitaire", "bridal"] }),
      product("title", { title: "Round Solitaire Ring" }),
    ];
    expect(ids(rankProducts(products, { filters: {}, terms: ["solitaire"] }))).toEqual([
      "title",
      "tag",
      "desc",
      "none",
    ]);
  });

  it("adds up several terms", () => {
    const products = [
      product("one", { title: "Pearl Studs" }),
      product("two", { title: "Pearl Drop", tags: ["baroque"] }),
    ];
    expect(ids(rankProducts(products, { filters: {}, terms: ["pearl", "baroque"] }))).toEqual(["two", "one"]);
  });

  it("matches plurals and accents both ways", () => {
    const products = [
      product("stud", { category: "earring", title: "Diamond Stud Earrings" }),
      product("hoop", { category: "earring", title: "Gold Hoop" }),
    ];
    expect(ids(rankProducts(products, { filters: {}, terms: ["studs"] }))[0]).toBe("stud");
    const pave = [product("plain", { title: "Band" }), product("pave", { title: "Pavé Band" })];
    expect(ids(rankProducts(pave, { filters: {}, terms: ["pave"] }))[0]).toBe("pave");
  });

  it("counts filter words in the title as relevance", () => {
    const products = [
      product("plain", { metal: "rose_gold", title: "Twist Band", price: 480 }),
      product("named", { metal: "rose_gold", title: "Rose Gold Twist Band", price: 480 }),
    ];
    expect(ids(rankProducts(products, { filters: { metal: "rose_gold" }, terms: [] }))).toEqual(["named", "plain"]);
  });

  it("boosts gift and occasion tags only when the request is a gift", () => {
    const products = [
      product("a", { tags: ["everyday"] }),
      product("b", { tags: ["anniversary"] }),
      product("c", { tags: ["Mother's Day"] }),
      product("d", { tags: ["gift"] }),
    ];
    const gift = rankProducts(products, { filters: { gift: true }, terms: [] });
    expect(ids(gift).slice(0, 3).sort()).toEqual(["b", "c", "d"]);
    expect(ids(gift)[3]).toBe("a");
    const plain = rankProducts(products, { filters: {}, terms: [] });
    expect(new Set(plain.map((r) => r.score)).size).toBe(1);
    expect(ids(plain)).toEqual(["a", "b", "c", "d"]);
  });

  // Each row: two products that differ in one respect; the first id must rank first.
  const orderCases: [
    name: string,
    first: RankableProduct,
    second: RankableProduct,
    filters: ProductFilters,
    terms: string[],
  ][] = [
    [
      "relevance beats ready-to-ship, featured and price",
      product("z-rel", { title: "Solitaire", readyToShip: false, featured: false, price: 5000 }),
      product("a-rts", { readyToShip: true, featured: true, price: 500 }),
      {},
      ["solitaire"],
    ],
    [
      "ready-to-ship beats featured",
      product("z-rts", { readyToShip: true }),
      product("a-feat", { featured: true }),
      {},
      [],
    ],
    [
      "featured beats price fit",
      product("z-feat", { featured: true, price: 100 }),
      product("a-fit", { price: 800 }),
      { priceMax: 800 },
      [],
    ],
    [
      "in stock beats sold out at equal relevance",
      product("z-in", { readyToShip: false, inventory: 2 }),
      product("a-out", { readyToShip: true, featured: true, inventory: 0 }),
      {},
      [],
    ],
    [
      "negative inventory counts as sold out",
      product("z-in", { inventory: 1 }),
      product("a-neg", { inventory: -3 }),
      {},
      [],
    ],
    [
      "a more relevant sold-out piece still beats a less relevant one in stock",
      product("z-out", { title: "Emerald Ring", inventory: 0 }),
      product("a-in", { title: "Ruby Ring", inventory: 9, readyToShip: true }),
      {},
      ["emerald"],
    ],
    [
      "ceiling: near the ceiling beats very cheap",
      product("z-780", { price: 780 }),
      product("a-200", { price: 200 }),
      { priceMax: 800 },
      [],
    ],
    [
      "ceiling: the ceiling itself is best",
      product("z-800", { price: 800 }),
      product("a-790", { price: 790 }),
      { priceMax: 800 },
      [],
    ],
    [
      "range: nearer the middle wins",
      product("z-450", { price: 450 }),
      product("a-590", { price: 590 }),
      { priceMin: 400, priceMax: 600 },
      [],
    ],
    [
      "floor: just above the floor beats far above",
      product("z-550", { price: 550 }),
      product("a-5000", { price: 5000 }),
      { priceMin: 500 },
      [],
    ],
    ["equal in everything: id order", product("a", {}), product("b", {}), {}, []],
  ];
  it.each(orderCases)("%s", (_name, first, second, filters, terms) => {
    expect(ids(rankProducts([second, first], { filters, terms }))).toEqual([first.id, second.id]);
    expect(ids(rankProducts([first, second], { filters, terms }))).toEqual([first.id, second.id]);
  });

  it("prefers mid-price pieces with no price filter", () => {
    const products = [
      product("cheap", { price: 90 }),
      product("mid", { price: 1000 }),
      product("dear", { price: 12_000 }),
    ];
    expect(ids(rankProducts(products, { filters: {}, terms: [] }))[0]).toBe("mid");
  });

  it("orders a realistic catalog: relevance, ready-to-ship, featured, price fit", () => {
    const catalog = [
      product("p1", { title: "Twist Band", metal: "rose_gold", price: 480, readyToShip: true, inventory: 4 }),
      product("p2", {
        title: "Stacking Ring",
        metal: "rose_gold",
        price: 240,
        readyToShip: true,
        featured: true,
        inventory: 9,
      }),
      product("p3", { title: "Morganite Halo Ring", metal: "rose_gold", price: 780, readyToShip: false, inventory: 0 }),
      product("p4", {
        title: "Diamond Stacking Band",
        metal: "rose_gold",
        price: 620,
        readyToShip: true,
        inventory: 3,
      }),
      product("p5", { title: "Signet", metal: "rose_gold", price: 700, readyToShip: true, inventory: 0 }),
      product("p6", { title: "Rose Gold Knot Ring", metal: "rose_gold", price: 560, readyToShip: true, inventory: 2 }),
    ];
    const ranked = rankProducts(catalog, {
      filters: { category: "ring", metal: "rose_gold", priceMax: 800 },
      terms: [],
    });
    // No shopper terms: in stock, ready to ship, featured (p2), then price fit to the $800 ceiling; sold out last.
    expect(ids(ranked)).toEqual(["p2", "p4", "p6", "p1", "p5", "p3"]);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].score).toBeGreaterThanOrEqual(ranked[i].score);
  });

  it("is deterministic whatever the input order", () => {
    const products = Array.from({ length: 30 }, (_, i) =>
      product(`id${String(i).padStart(2, "0")}`, {
        price: 100 + (i % 7) * 150,
        readyToShip: i % 3 === 0,
        featured: i % 5 === 0,
        inventory: i % 4,
      }),
    );
    const forward = ids(rankProducts(products, { filters: { priceMax: 1000 }, terms: [] }));
    const backward = ids(rankProducts([...products].reverse(), { filters: { priceMax: 1000 }, terms: [] }));
    expect(backward).toEqual(forward);
  });

  const whyCases: [name: string, p: RankableProduct, filters: ProductFilters, terms: string[], expected: string][] = [
    [
      "ready, metal, budget",
      product("a", { metal: "rose_gold", readyToShip: true, price: 700 }),
      { metal: "rose_gold", priceMax: 800 },
      [],
      "Ready to ship · rose gold · within budget",
    ],
    [
      "gold family shows the actual metal",
      product("a", { metal: "white_gold", readyToShip: true }),
      { metal: "gold" },
      [],
      "Ready to ship · white gold",
    ],
    ["sold out", product("a", { readyToShip: true, inventory: 0 }), {}, [], "Sold out"],
    ["made to order asked", product("a", { readyToShip: false }), { readyToShip: false }, [], "Made to order"],
    ["featured", product("a", { featured: true }), {}, [], "Shop favourite"],
    ["terms", product("a", { title: "Pearl Drop Necklace", category: "necklace" }), {}, ["pearl"], "Matches “pearl”"],
    [
      "gift",
      product("a", { tags: ["anniversary"], readyToShip: true }),
      { gift: true },
      [],
      "Ready to ship · a gift favourite",
    ],
    ["nothing to say", product("a"), {}, [], ""],
    [
      "at most four parts",
      product("a", {
        metal: "platinum",
        readyToShip: true,
        featured: true,
        tags: ["gift"],
        title: "Platinum Solitaire",
      }),
      { metal: "platinum", priceMax: 900, gift: true },
      ["solitaire"],
      "Ready to ship · platinum · matches “solitaire” · a gift favourite",
    ],
  ];
  it.each(whyCases)("why: %s", (_name, p, filters, terms, expected) => {
    const [ranked] = rankProducts([p], { filters, terms });
    expect(ranked.why).toBe(expected);
  });
});

describe("niceCeil / niceFloor", () => {
  const ceil: [number, number][] = [
    [1000, 1000],
    [375, 400],
    [1875, 2000],
    [2500, 2500],
    [625, 700],
    [150, 150],
    [123.75, 125],
    [62.5, 70],
    [12_500, 12_500],
    [1001, 1200],
    [0.4, 1],
    [0, 1],
  ];
  it.each(ceil)("niceCeil(%d) = %d", (amount, expected) => {
    expect(niceCeil(amount)).toBe(expected);
    expect(niceCeil(amount)).toBeGreaterThanOrEqual(amount);
  });
  const floor: [number, number][] = [
    [400, 400],
    [320, 300],
    [1200, 1200],
    [1100, 1000],
    [800, 800],
    [96, 90],
    [0.8, 0],
    [0, 0],
  ];
  it.each(floor)("niceFloor(%d) = %d", (amount, expected) => {
    expect(niceFloor(amount)).toBe(expected);
    expect(niceFloor(amount)).toBeLessThanOrEqual(amount);
  });
});

describe("relaxations", () => {
  it("proposes the documented one-tap relaxations for rose gold rings up to $800, ready to ship", () => {
    const filters: ProductFilters = { category: "ring", metal: "rose_gold", priceMax: 800, readyToShip: true };
    expect(relaxations(filters)).toEqual([
      {
        kind: "raise_max",
        label: "Show rings up to $1,000",
        filters: { category: "ring", metal: "rose_gold", priceMax: 1000, readyToShip: true },
      },
      {
        kind: "include_made_to_order",
        label: "Include made-to-order",
        filters: { category: "ring", metal: "rose_gold", priceMax: 800 },
      },
      { kind: "drop_metal", label: "Any metal", filters: { category: "ring", priceMax: 800, readyToShip: true } },
      {
        kind: "drop_category",
        label: "Any type of jewelry",
        filters: { metal: "rose_gold", priceMax: 800, readyToShip: true },
      },
    ]);
    expect(filters).toEqual({ category: "ring", metal: "rose_gold", priceMax: 800, readyToShip: true }); // not mutated
  });

  const cases: [name: string, filters: ProductFilters, expected: [RelaxationKind, string, ProductFilters][]][] = [
    ["nothing to relax", {}, []],
    ["gift is never dropped (it is not a filter)", { gift: true }, []],
    ["ceiling without category", { priceMax: 300 }, [["raise_max", "Show pieces up to $400", { priceMax: 400 }]]],
    [
      "necklaces ceiling",
      { category: "necklace", priceMax: 1500 },
      [
        ["raise_max", "Show necklaces up to $2,000", { category: "necklace", priceMax: 2000 }],
        ["drop_category", "Any type of jewelry", { priceMax: 1500 }],
      ],
    ],
    [
      "floor",
      { category: "earring", priceMin: 500 },
      [
        ["lower_min", "Show earrings from $400", { category: "earring", priceMin: 400 }],
        ["drop_category", "Any type of jewelry", { priceMin: 500 }],
      ],
    ],
    [
      "range: both ends, each keeping the other",
      { priceMin: 400, priceMax: 600 },
      [
        ["raise_max", "Show pieces up to $750", { priceMin: 400, priceMax: 750 }],
        ["lower_min", "Show pieces from $300", { priceMin: 300, priceMax: 600 }],
      ],
    ],
    [
      "a tiny floor is dropped, not lowered to cents",
      { priceMin: 1, priceMax: 50 },
      [
        ["raise_max", "Show pieces up to $70", { priceMin: 1, priceMax: 70 }],
        ["lower_min", "Show pieces up to $50", { priceMax: 50 }],
      ],
    ],
    ["a tiny floor alone", { priceMin: 1 }, [["lower_min", "Show pieces at any price", {}]]],
    ["a zero ceiling is not raised", { priceMax: 0 }, []],
    [
      "made to order asked: nothing to include",
      { readyToShip: false, category: "bracelet" },
      [["drop_category", "Any type of jewelry", { readyToShip: false }]],
    ],
    [
      "ring size",
      { category: "ring", ringSize: 6.5, metal: "gold" },
      [
        ["drop_size", "Any ring size (we can resize)", { category: "ring", metal: "gold" }],
        ["drop_metal", "Any metal", { category: "ring", ringSize: 6.5 }],
        ["drop_category", "Any type of jewelry", { ringSize: 6.5, metal: "gold" }],
      ],
    ],
    [
      "gift rides along",
      { category: "ring", gift: true, readyToShip: true },
      [
        ["include_made_to_order", "Include made-to-order", { category: "ring", gift: true }],
        ["drop_category", "Any type of jewelry", { gift: true, readyToShip: true }],
      ],
    ],
  ];
  it.each(cases)("%s", (_name, filters, expected) => {
    expect(relaxations(filters).map((r) => [r.kind, r.label, r.filters])).toEqual(expected);
  });

  it("changes exactly one filter per suggestion, keeping every other", () => {
    const filters: ProductFilters = {
      category: "ring",
      metal: "white_gold",
      priceMin: 1000,
      priceMax: 2000,
      readyToShip: true,
      gift: true,
      ringSize: 7,
    };
    const all = relaxations(filters);
    expect(all.map((r) => r.kind)).toEqual([
      "raise_max",
      "lower_min",
      "include_made_to_order",
      "drop_size",
      "drop_metal",
      "drop_category",
    ]);
    for (const r of all) {
      const keys = new Set([...Object.keys(filters), ...Object.keys(r.filters)]) as Set<keyof ProductFilters>;
      const changed = [...keys].filter((k) => filters[k] !== r.filters[k]);
      expect(changed).toHaveLength(1);
    }
  });

  it("labels prices in the shop currency", () => {
    expect(relaxations({ category: "ring", priceMax: 800 }, undefined, "EUR")[0].label).toBe("Show rings up to €1,000");
    expect(relaxations({ category: "ring", priceMin: 2000 }, undefined, "GBP")[0].label).toBe("Show rings from £1,500");
  });

  it("uses known counts: drops a relaxation that finds nothing and carries the others' counts", () => {
    const filters: ProductFilters = { category: "ring", metal: "rose_gold", priceMax: 800, readyToShip: true };
    const result = relaxations(filters, { include_made_to_order: 0, raise_max: 4 });
    expect(result.map((r) => [r.kind, r.count])).toEqual([
      ["raise_max", 4],
      ["drop_metal", undefined],
      ["drop_category", undefined],
    ]);
  });

  it("each relaxed filter set finds the products the original missed", () => {
    const catalog = [
      product("a", { metal: "rose_gold", price: 950, readyToShip: true }),
      product("b", { metal: "rose_gold", price: 700, readyToShip: false }),
      product("c", { metal: "platinum", price: 700, readyToShip: true }),
      product("d", { category: "necklace", metal: "rose_gold", price: 700, readyToShip: true }),
    ];
    const filters: ProductFilters = { category: "ring", metal: "rose_gold", priceMax: 800, readyToShip: true };
    expect(rankProducts(catalog, { filters, terms: [] })).toEqual([]);
    const found = Object.fromEntries(
      relaxations(filters).map((r) => [r.kind, ids(rankProducts(catalog, { filters: r.filters, terms: [] }))]),
    );
    expect(found).toEqual({ raise_max: ["a"], include_made_to_order: ["b"], drop_metal: ["c"], drop_category: ["d"] });
  });
});
