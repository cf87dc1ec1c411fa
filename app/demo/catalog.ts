// The demo jewelry store: pure, deterministic generators for products, customers, orders and FAQ entries.
// No I/O and no Math.random, so every seed (and every test) sees exactly the same shop, relative to `now`.

import type { Category } from "../concierge/understanding/types";
import type { Customer, FaqEntry, Order, OrderLineItem, OrderStatus, Product, ProductVariant } from "../store/port";

/** Catalog rows carry a fixed timestamp so regenerating them never looks like an update. */
const CATALOG_UPDATED_AT = "2025-01-15T12:00:00.000Z";

/** Ring sizes every ring is offered in: US 4 to 9 including half sizes. */
export const DEMO_RING_SIZES: number[] = Array.from({ length: 11 }, (_, i) => 4 + i / 2);

export type DemoMetal = "yellow_gold" | "white_gold" | "rose_gold" | "platinum" | "silver";

/** Tiny deterministic PRNG (mulberry32) for inventory counts and tracking numbers. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

// ---------- products ----------

interface ProductSpec {
  category: Category;
  metal: DemoMetal;
  /** "14k", "18k" for gold; ignored for platinum and silver. */
  karat?: "14k" | "18k";
  name: string;
  price: number;
  compareAt?: number;
  readyToShip: boolean;
  /** Ready-to-ship piece whose stock has run out (ready-to-ship again once restocked). */
  soldOut?: boolean;
  featured?: boolean;
  tags: string[];
  /** Stone phrase for the description and alt text, e.g. "a 1 ct round lab-grown diamond". */
  stone?: string;
  detail: string;
}

const METAL_LABEL: Record<DemoMetal, string> = {
  yellow_gold: "Yellow Gold",
  white_gold: "White Gold",
  rose_gold: "Rose Gold",
  platinum: "Platinum",
  silver: "Sterling Silver",
};

const METAL_PROSE: Record<DemoMetal, string> = {
  yellow_gold: "recycled {k} yellow gold",
  white_gold: "recycled {k} white gold, rhodium-plated for a bright white finish",
  rose_gold: "recycled {k} rose gold with a warm blush tone",
  platinum: "hypoallergenic 950 platinum that will never fade or tarnish",
  silver: "recycled 925 sterling silver with an anti-tarnish finish",
};

const METAL_COLOUR_WORD: Record<DemoMetal, string> = {
  yellow_gold: "warm yellow gold",
  white_gold: "bright white gold",
  rose_gold: "soft rose gold",
  platinum: "cool platinum grey",
  silver: "polished silver",
};

const CATEGORY_SHAPE: Record<Category, string> = {
  ring: "a ring seen from the front",
  necklace: "a necklace laid out in a soft curve",
  earring: "a pair of earrings side by side",
  bracelet: "a bracelet drawn as an open circle",
};

const r = "ring" as const;
const n = "necklace" as const;
const e = "earring" as const;
const b = "bracelet" as const;

// Hand-written rows so titles, prices and stones read like a real jeweller's catalog (one row each, kept as a table).
// prettier-ignore
const PRODUCT_SPECS: ProductSpec[] = [
  // ----- rings (20) -----
  { category: r, metal: "platinum", name: "Solitaire Engagement Ring", price: 4850, readyToShip: false, featured: true, tags: ["engagement", "bridal", "diamond", "lab-grown", "bestseller"], stone: "a 1 ct round brilliant lab-grown diamond", detail: "A slim knife-edge band lifts a single stone in a six-prong setting — the ring most of our couples start with." },
  { category: r, metal: "platinum", name: "Oval Halo Engagement Ring", price: 11900, readyToShip: false, tags: ["engagement", "bridal", "diamond"], stone: "a 2 ct oval natural diamond (GIA-certified) in a pavé halo", detail: "A halo of micro-pavé doubles the sparkle of the centre stone; every ring is set by hand in our studio." },
  { category: r, metal: "white_gold", karat: "18k", name: "Three-Stone Engagement Ring", price: 6400, readyToShip: false, tags: ["engagement", "bridal", "diamond", "anniversary"], stone: "three round diamonds totalling 1.5 ct", detail: "Past, present and future: a graduated trio of diamonds on a tapered cathedral band." },
  { category: r, metal: "platinum", name: "Pavé Eternity Band", price: 3250, readyToShip: true, featured: true, tags: ["bridal", "anniversary", "diamond", "gift"], stone: "1 ct of pavé-set diamonds all the way around", detail: "Diamonds set edge to edge around the whole band for unbroken sparkle; pairs with any of our engagement rings." },
  { category: r, metal: "platinum", name: "Classic Wedding Band", price: 1450, readyToShip: true, tags: ["bridal", "wedding", "everyday"], detail: "A 2 mm comfort-fit band with a high polish — quiet, timeless and made to be worn every day for decades." },
  { category: r, metal: "yellow_gold", karat: "14k", name: "Emerald-Cut Solitaire Ring", price: 3900, readyToShip: false, tags: ["engagement", "bridal", "diamond", "lab-grown"], stone: "a 1.5 ct emerald-cut lab-grown diamond", detail: "Long step-cut facets give a hall-of-mirrors glow; set low in a four-claw basket so it sits close to the hand." },
  { category: r, metal: "yellow_gold", karat: "14k", name: "Signet Ring", price: 1150, readyToShip: true, tags: ["everyday", "gift", "engravable", "bestseller"], detail: "A solid oval face ready for a monogram or family crest — hand-engraving available at checkout." },
  { category: r, metal: "rose_gold", karat: "14k", name: "Stacking Ring", price: 240, readyToShip: true, featured: true, tags: ["everyday", "gift", "bestseller"], detail: "A 1.2 mm band made for stacking: wear one alone or three together." },
  { category: r, metal: "rose_gold", karat: "14k", name: "Morganite Halo Ring", price: 1680, readyToShip: false, tags: ["engagement", "gift", "anniversary"], stone: "a 1.5 ct cushion-cut pink morganite framed by diamonds", detail: "The peachy-pink morganite and rose gold are made for each other; a favourite for anniversaries." },
  { category: r, metal: "rose_gold", karat: "14k", name: "Diamond Stacking Band", price: 620, compareAt: 720, readyToShip: true, tags: ["everyday", "diamond", "gift", "anniversary"], stone: "seven 0.01 ct diamonds in a shared-prong row", detail: "A little sparkle for every day; sits flush against an engagement ring." },
  { category: r, metal: "rose_gold", karat: "14k", name: "Twist Band", price: 480, readyToShip: true, tags: ["everyday", "gift"], detail: "Two polished strands twisted together — a modern classic that stacks beautifully." },
  { category: r, metal: "rose_gold", karat: "14k", name: "Vintage Milgrain Engagement Ring", price: 2850, readyToShip: false, tags: ["engagement", "bridal", "diamond"], stone: "a 0.75 ct round diamond with milgrain-edged shoulders", detail: "Hand-finished milgrain beading and an open filigree gallery inspired by 1920s rings." },
  { category: r, metal: "white_gold", karat: "14k", name: "Sapphire Eternity Band", price: 2300, readyToShip: true, tags: ["anniversary", "gift", "sapphire"], stone: "2 ct of blue sapphires channel-set all around", detail: "Deep cornflower-blue sapphires, the traditional stone of a 45th anniversary — or any anniversary." },
  { category: r, metal: "white_gold", karat: "14k", name: "Lab-Grown Diamond Solitaire Ring", price: 1950, readyToShip: true, tags: ["engagement", "bridal", "diamond", "lab-grown", "gift"], stone: "a 0.7 ct round lab-grown diamond (IGI-certified)", detail: "Our ready-to-ship engagement ring: the same cut grade as a mined stone at a fraction of the price." },
  { category: r, metal: "silver", name: "Signet Ring", price: 145, readyToShip: true, tags: ["everyday", "gift", "engravable"], detail: "A chunky oval signet with a brushed face — engrave initials or leave it plain." },
  { category: r, metal: "silver", name: "Stacking Rings Set of Three", price: 95, compareAt: 120, readyToShip: true, tags: ["everyday", "gift", "bestseller", "final-sale"], detail: "Three slim bands — polished, hammered and twisted — to wear together or apart. Sale price, final sale." },
  { category: r, metal: "silver", name: "Turquoise Cocktail Ring", price: 180, readyToShip: false, tags: ["gift", "statement"], stone: "an oval Sleeping Beauty turquoise cabochon", detail: "Handmade to order by our silversmith; each turquoise has its own matrix pattern." },
  { category: r, metal: "platinum", name: "Emerald Three-Stone Ring", price: 7600, readyToShip: false, tags: ["anniversary", "diamond", "emerald"], stone: "a 1.2 ct Colombian emerald between two trillion diamonds", detail: "A vivid green emerald flanked by trillion-cut diamonds — an heirloom in the making." },
  { category: r, metal: "yellow_gold", karat: "14k", name: "Pearl Ring", price: 690, readyToShip: true, tags: ["pearl", "gift", "everyday"], stone: "a 7 mm Akoya pearl", detail: "A single lustrous Akoya pearl on a delicate band; lovely as a bridesmaid or graduation gift." },
  { category: r, metal: "yellow_gold", karat: "18k", name: "Dome Ring", price: 1320, readyToShip: true, soldOut: true, tags: ["everyday", "statement"], detail: "A bold, high-polish dome that catches the light from every angle." },

  // ----- necklaces (16) -----
  { category: n, metal: "yellow_gold", karat: "14k", name: "Paperclip Chain Necklace", price: 890, readyToShip: true, featured: true, tags: ["everyday", "gift", "bestseller"], detail: "Elongated paperclip links in an 18-inch length with a lobster clasp; layers with everything." },
  { category: n, metal: "yellow_gold", karat: "14k", name: "Lariat Necklace", price: 1240, readyToShip: false, tags: ["gift", "statement"], stone: "a bezel-set 0.25 ct diamond drop", detail: "A fine Y-shaped lariat that ends in a single diamond drop; adjustable to 20 inches." },
  { category: n, metal: "white_gold", karat: "14k", name: "Diamond Solitaire Pendant", price: 1100, readyToShip: true, featured: true, tags: ["diamond", "lab-grown", "gift", "anniversary"], stone: "a 0.5 ct round lab-grown diamond", detail: "A floating four-prong solitaire on a 16–18 inch adjustable cable chain." },
  { category: n, metal: "silver", name: "Pearl Pendant Necklace", price: 120, readyToShip: true, tags: ["pearl", "gift", "everyday"], stone: "an 8 mm freshwater pearl", detail: "A single freshwater pearl on a fine 18-inch chain — a first-pearl classic." },
  { category: n, metal: "yellow_gold", karat: "14k", name: "Freshwater Pearl Strand", price: 1480, readyToShip: false, tags: ["pearl", "bridal", "anniversary", "gift"], stone: "hand-knotted 7–7.5 mm freshwater pearls", detail: "Hand-knotted on silk between every pearl with a gold box clasp; the traditional 30th-anniversary gift." },
  { category: n, metal: "rose_gold", karat: "14k", name: "Initial Pendant Necklace", price: 320, readyToShip: true, tags: ["gift", "engravable", "everyday"], detail: "A polished disc with your initial; add engraving on the back for a personal gift." },
  { category: n, metal: "rose_gold", karat: "14k", name: "Heart Locket", price: 560, readyToShip: true, tags: ["gift", "anniversary", "engravable"], detail: "A hinged heart locket that holds two tiny photos, on an 18-inch chain." },
  { category: n, metal: "rose_gold", karat: "14k", name: "Diamond Bar Necklace", price: 740, readyToShip: false, tags: ["diamond", "gift", "everyday"], stone: "five pavé diamonds", detail: "A slim horizontal bar with a line of pavé diamonds, made to order in our studio." },
  { category: n, metal: "platinum", name: "Diamond Riviera Necklace", price: 9800, readyToShip: false, tags: ["diamond", "anniversary", "bridal"], stone: "5 ct of graduated round diamonds", detail: "A continuous line of graduated diamonds, each in its own four-prong setting — red-carpet sparkle." },
  { category: n, metal: "platinum", name: "Sapphire Pendant", price: 2450, readyToShip: false, tags: ["sapphire", "gift", "anniversary"], stone: "a 1 ct oval blue sapphire with a diamond halo", detail: "An oval Ceylon sapphire ringed with diamonds on a platinum cable chain." },
  { category: n, metal: "silver", name: "Box Chain Necklace", price: 85, readyToShip: true, tags: ["everyday", "gift"], detail: "A sturdy 1.5 mm box chain in 18 inches — strong enough for any pendant." },
  { category: n, metal: "silver", name: "Choker Necklace", price: 140, readyToShip: true, tags: ["everyday"], detail: "A 14-inch snake-chain choker with a 2-inch extender." },
  { category: n, metal: "silver", name: "Engravable Bar Necklace", price: 160, readyToShip: true, tags: ["gift", "engravable", "everyday"], detail: "A smooth vertical bar with room for a name, date or coordinates." },
  { category: n, metal: "white_gold", karat: "14k", name: "Moonstone Pendant", price: 480, readyToShip: false, tags: ["gift", "birthstone"], stone: "a pear-shaped rainbow moonstone", detail: "June's birthstone with a blue flash, bezel-set and made to order." },
  { category: n, metal: "white_gold", karat: "14k", name: "Lab-Grown Diamond Tennis Necklace", price: 5600, readyToShip: false, tags: ["diamond", "lab-grown", "anniversary"], stone: "8 ct of round lab-grown diamonds", detail: "A full line of matched lab-grown diamonds with a double-lock box clasp." },
  { category: n, metal: "yellow_gold", karat: "14k", name: "Herringbone Chain", price: 1650, readyToShip: true, soldOut: true, tags: ["everyday", "statement"], detail: "A liquid-smooth 4 mm herringbone that lies flat against the collarbone." },

  // ----- earrings (16) -----
  { category: e, metal: "white_gold", karat: "14k", name: "Lab-Grown Diamond Stud Earrings", price: 1200, readyToShip: true, featured: true, tags: ["diamond", "lab-grown", "gift", "bestseller", "studs"], stone: "two round lab-grown diamonds totalling 1 ct", detail: "Four-prong martini settings with secure screw backs — the studs you will wear every day." },
  { category: e, metal: "platinum", name: "Diamond Stud Earrings", price: 8900, readyToShip: false, tags: ["diamond", "bridal", "anniversary", "studs"], stone: "two natural round diamonds totalling 2 ct (GIA-certified)", detail: "A matched pair of natural diamonds hand-selected for colour and cut." },
  { category: e, metal: "yellow_gold", karat: "14k", name: "Huggie Hoops", price: 380, readyToShip: true, featured: true, tags: ["everyday", "gift", "bestseller", "hoops"], detail: "Small 12 mm hoops that hug the lobe, with a click-shut hinge." },
  { category: e, metal: "rose_gold", karat: "14k", name: "Pavé Huggie Hoops", price: 650, readyToShip: true, tags: ["diamond", "gift", "hoops"], stone: "0.15 ct of pavé diamonds", detail: "Our best-selling huggies with a row of pavé diamonds across the front." },
  { category: e, metal: "yellow_gold", karat: "14k", name: "Pearl Drop Earrings", price: 420, compareAt: 520, readyToShip: true, tags: ["pearl", "bridal", "gift", "final-sale"], stone: "two 8 mm freshwater pearls", detail: "A pearl suspended from a tiny gold bead — bridal favourites. Sample-sale price, final sale." },
  { category: e, metal: "silver", name: "Medium Hoop Earrings", price: 90, readyToShip: true, tags: ["everyday", "gift", "hoops"], detail: "Lightweight 25 mm hoops with a polished finish." },
  { category: e, metal: "silver", name: "Ball Stud Earrings", price: 80, readyToShip: true, tags: ["everyday", "studs"], detail: "Simple 4 mm polished balls on hypoallergenic posts." },
  { category: e, metal: "silver", name: "Pearl Stud Earrings", price: 110, readyToShip: true, tags: ["pearl", "gift", "studs"], stone: "two 6 mm freshwater pearls", detail: "Classic button pearls — the first pair of pearls for many of our customers." },
  { category: e, metal: "rose_gold", karat: "14k", name: "Ear Climber", price: 290, readyToShip: true, tags: ["everyday", "gift"], stone: "a row of white sapphires", detail: "Climbs the ear from the lobe in a graceful curve of tiny white sapphires." },
  { category: e, metal: "rose_gold", karat: "14k", name: "Morganite Stud Earrings", price: 520, readyToShip: false, tags: ["gift", "studs"], stone: "two 6 mm round morganites", detail: "Blush-pink morganites in a bezel setting, made to order." },
  { category: e, metal: "platinum", name: "Sapphire Drop Earrings", price: 3400, readyToShip: false, tags: ["sapphire", "anniversary", "gift"], stone: "two pear-shaped blue sapphires under diamond tops", detail: "Pear-shaped sapphires swing beneath round diamond studs." },
  { category: e, metal: "platinum", name: "Diamond Huggie Hoops", price: 1850, readyToShip: true, tags: ["diamond", "gift", "anniversary", "hoops"], stone: "0.5 ct of channel-set diamonds", detail: "Channel-set diamonds on a comfortable 14 mm platinum huggie." },
  { category: e, metal: "white_gold", karat: "18k", name: "Chandelier Earrings", price: 4200, readyToShip: false, tags: ["diamond", "bridal", "statement"], stone: "2.2 ct of pear and marquise diamonds", detail: "Three tiers of pear and marquise diamonds for black-tie evenings and weddings." },
  { category: e, metal: "white_gold", karat: "14k", name: "Emerald Stud Earrings", price: 1380, readyToShip: false, tags: ["emerald", "gift", "studs"], stone: "two 0.5 ct emerald-cut emeralds", detail: "May's birthstone in a clean four-claw setting, made to order." },
  { category: e, metal: "yellow_gold", karat: "14k", name: "Bezel Diamond Studs", price: 640, readyToShip: true, tags: ["diamond", "lab-grown", "everyday", "studs"], stone: "two round lab-grown diamonds totalling 0.5 ct", detail: "A smooth gold bezel protects each stone — sporty, snag-free, everyday studs." },
  { category: e, metal: "yellow_gold", karat: "14k", name: "Large Hoop Earrings", price: 780, readyToShip: true, soldOut: true, tags: ["everyday", "statement", "hoops"], detail: "Statement 40 mm tube hoops that are surprisingly light to wear." },

  // ----- bracelets (16) -----
  { category: b, metal: "white_gold", karat: "14k", name: "Diamond Tennis Bracelet", price: 2950, compareAt: 3400, readyToShip: true, featured: true, tags: ["diamond", "lab-grown", "anniversary", "gift", "bestseller"], stone: "3 ct of round lab-grown diamonds", detail: "A 7-inch line of matched diamonds in four-prong settings with a safety clasp." },
  { category: b, metal: "platinum", name: "Natural Diamond Tennis Bracelet", price: 10800, readyToShip: false, tags: ["diamond", "anniversary", "bridal"], stone: "5 ct of natural round diamonds", detail: "Our finest tennis bracelet, set with natural diamonds of F–G colour." },
  { category: b, metal: "yellow_gold", karat: "14k", name: "Bangle", price: 1450, readyToShip: true, featured: true, tags: ["gift", "anniversary", "everyday", "engravable"], detail: "A solid 3 mm round bangle with a hidden box clasp — engrave the inside for an anniversary." },
  { category: b, metal: "silver", name: "Cuff", price: 175, readyToShip: true, tags: ["everyday", "gift", "statement"], detail: "An open hammered cuff that adjusts gently to most wrists." },
  { category: b, metal: "rose_gold", karat: "14k", name: "Diamond Bangle", price: 1590, readyToShip: false, tags: ["diamond", "anniversary", "gift"], stone: "0.4 ct of pavé diamonds across the top", detail: "A slim oval bangle with a pavé front, hinged for easy wear." },
  { category: b, metal: "rose_gold", karat: "14k", name: "Chain Bracelet", price: 390, readyToShip: true, tags: ["everyday", "gift"], detail: "A fine cable chain with an adjustable slider bead, 6 to 8 inches." },
  { category: b, metal: "yellow_gold", karat: "14k", name: "Paperclip Chain Bracelet", price: 560, readyToShip: true, tags: ["everyday", "gift", "bestseller"], detail: "The bracelet to match our paperclip necklace, 7 inches with a lobster clasp." },
  { category: b, metal: "silver", name: "Freshwater Pearl Bracelet", price: 130, readyToShip: true, tags: ["pearl", "gift", "bridal"], stone: "6 mm freshwater pearls", detail: "A strand of creamy pearls with a sterling toggle clasp." },
  { category: b, metal: "silver", name: "Charm Bracelet", price: 150, readyToShip: true, tags: ["gift", "everyday"], detail: "A rolo chain ready for charms, with one heart charm to start." },
  { category: b, metal: "platinum", name: "Link Bracelet", price: 4100, readyToShip: false, tags: ["statement", "anniversary"], detail: "Heavy hand-polished oval links with a hidden clasp — made to order in platinum." },
  { category: b, metal: "platinum", name: "Diamond Station Bracelet", price: 1750, readyToShip: true, tags: ["diamond", "anniversary", "gift"], stone: "five bezel-set diamonds totalling 0.5 ct", detail: "Bezel-set diamonds spaced along a fine platinum chain." },
  { category: b, metal: "white_gold", karat: "14k", name: "Sapphire Line Bracelet", price: 3600, readyToShip: false, tags: ["sapphire", "anniversary"], stone: "4 ct of blue sapphires", detail: "A line of oval sapphires in four-prong settings, made to order." },
  { category: b, metal: "white_gold", karat: "14k", name: "Cuff", price: 1280, readyToShip: true, tags: ["statement", "gift", "anniversary"], detail: "A sleek open cuff with a brushed centre and polished edges." },
  { category: b, metal: "yellow_gold", karat: "18k", name: "Wide Cuff", price: 2200, readyToShip: false, tags: ["statement", "gift"], detail: "A 15 mm sculpted cuff, hand-finished in 18k gold." },
  { category: b, metal: "rose_gold", karat: "14k", name: "Bolo Bracelet", price: 890, readyToShip: true, tags: ["diamond", "lab-grown", "gift"], stone: "a single 0.25 ct lab-grown diamond", detail: "An adjustable bolo chain with a floating diamond at the centre." },
  { category: b, metal: "silver", name: "Bangle Set", price: 120, readyToShip: true, tags: ["everyday", "gift", "bestseller"], detail: "Three skinny stacking bangles — polished, hammered and twisted." },
];

function metalTitle(spec: ProductSpec): string {
  const karat = spec.metal === "platinum" || spec.metal === "silver" ? "" : `${spec.karat ?? "14k"} `;
  return `${karat}${METAL_LABEL[spec.metal]}`;
}

function shippingPromise(readyToShip: boolean, soldOut: boolean): string | null {
  if (soldOut) return null;
  return readyToShip ? "Ships in 1–2 business days" : "Made to order — ships in 3–4 weeks";
}

function buildProduct(spec: ProductSpec, index: number): Product {
  const num = 1001 + index;
  const id = `prod_${num}`;
  const title = `${metalTitle(spec)} ${spec.name}`;
  const handle = slugify(title);
  const rand = prng(num * 7919);
  const compareAtPrice = spec.compareAt ?? null;
  const sku = `AUR-${spec.category.slice(0, 2).toUpperCase()}-${num}`;

  // Ready-to-ship stock is real inventory; made-to-order pieces are always orderable with none on hand.
  const stockFor = (): number => {
    if (spec.soldOut) return 0;
    if (!spec.readyToShip) return 0;
    const v = Math.floor(rand() * 7); // 0..6; a 0 makes that one size unavailable
    return v;
  };

  let variants: ProductVariant[];
  if (spec.category === "ring") {
    variants = DEMO_RING_SIZES.map((size) => {
      const inventory = stockFor();
      return {
        id: `var_${num}_${String(size).replace(".", "_")}`,
        title: `Size ${size}`,
        price: spec.price,
        compareAtPrice,
        sku: `${sku}-${size}`,
        ringSize: size,
        inventory,
        available: spec.soldOut ? false : spec.readyToShip ? inventory > 0 : true,
      };
    });
    // Keep the common sizes 6–7 in stock so ready-to-ship ring journeys always have something to show.
    if (spec.readyToShip && !spec.soldOut) {
      for (const v of variants) {
        if (v.ringSize === 6 || v.ringSize === 7) {
          v.inventory = Math.max(v.inventory, 2);
          v.available = true;
        }
      }
    }
  } else {
    const inventory = spec.soldOut || !spec.readyToShip ? 0 : 3 + Math.floor(rand() * 22);
    variants = [
      {
        id: `var_${num}`,
        title: "Default Title",
        price: spec.price,
        compareAtPrice,
        sku,
        ringSize: null,
        inventory,
        available: spec.soldOut ? false : true,
      },
    ];
  }

  const inventory = variants.reduce((sum, v) => sum + v.inventory, 0);
  const readyToShip = spec.readyToShip && !spec.soldOut && inventory > 0;
  const tags = [...spec.tags, spec.readyToShip ? "ready-to-ship" : "made-to-order"];
  if (spec.soldOut) tags.push("sold-out");

  const metalProse = METAL_PROSE[spec.metal].replace("{k}", spec.karat ?? "14k");
  const stoneProse = spec.stone ? `, set with ${spec.stone}` : "";
  const promise = spec.soldOut
    ? "Currently sold out — join the waitlist and we will email you when it is back."
    : spec.readyToShip
      ? "In stock and ready to ship in 1–2 business days."
      : "Made to order in our studio and ships in 3–4 weeks.";
  const sizeNote = spec.category === "ring" ? " Available in US sizes 4 to 9, including half sizes." : "";
  const description = `${spec.detail} Crafted in ${metalProse}${stoneProse}.${sizeNote} ${promise}`;

  const alt = `${title}: ${CATEGORY_SHAPE[spec.category]} in ${METAL_COLOUR_WORD[spec.metal]}${spec.stone ? `, set with ${spec.stone}` : ""}`;

  return {
    id,
    handle,
    title,
    description,
    category: spec.category,
    metal: spec.metal,
    price: Math.min(...variants.map((v) => v.price)),
    compareAtPrice,
    readyToShip,
    featured: spec.featured ?? false,
    status: "active",
    tags,
    images: [{ url: `/demo-images/${handle}.svg`, alt }],
    variants,
    inventory,
    shippingPromise: shippingPromise(spec.readyToShip, spec.soldOut ?? false),
    updatedAt: CATALOG_UPDATED_AT,
  };
}

/** The demo catalog: 68 active products, 16–20 per category, every metal family in every category. */
export function demoProducts(): Product[] {
  return PRODUCT_SPECS.map(buildProduct);
}

// ---------- customers ----------

interface CustomerSpec {
  firstName: string;
  lastName: string;
  postalCode: string;
}

const CUSTOMER_SPECS: CustomerSpec[] = [
  { firstName: "Emma", lastName: "Thompson", postalCode: "10013" },
  { firstName: "Liam", lastName: "Carter", postalCode: "94110" },
  { firstName: "Olivia", lastName: "Nguyen", postalCode: "60614" },
  { firstName: "Noah", lastName: "Patel", postalCode: "78704" },
  { firstName: "Ava", lastName: "Martinez", postalCode: "33139" },
  { firstName: "Ethan", lastName: "Brooks", postalCode: "02116" },
  { firstName: "Sophia", lastName: "Rossi", postalCode: "98103" },
  { firstName: "Mason", lastName: "Kim", postalCode: "30309-2214" },
  { firstName: "Isabella", lastName: "Chen", postalCode: "M5V 2T6" },
  { firstName: "Lucas", lastName: "Tremblay", postalCode: "H2X 1Y4" },
  { firstName: "Charlotte", lastName: "Evans", postalCode: "SW1A 2AA" },
  { firstName: "James", lastName: "Wilson", postalCode: "80205" },
  { firstName: "Mia", lastName: "Johnson", postalCode: "90026" },
  { firstName: "Henry", lastName: "Walker", postalCode: "85004" },
];

function customerEmail(spec: { firstName: string; lastName: string }): string {
  return `${spec.firstName}.${spec.lastName}@example.com`.toLowerCase();
}

export function demoCustomers(): Customer[] {
  return CUSTOMER_SPECS.map((c, i) => ({
    id: `cust_${i + 1}`,
    email: customerEmail(c),
    firstName: c.firstName,
    lastName: c.lastName,
    updatedAt: CATALOG_UPDATED_AT,
  }));
}

// ---------- orders ----------

interface LineSpec {
  /** Product handle from the demo catalog, or null for a one-off custom design. */
  handle: string | null;
  /** Title for a custom design with no catalog product. */
  title?: string;
  price?: number;
  size?: number;
  qty?: number;
  custom?: boolean;
  engraved?: boolean;
  finalSale?: boolean;
}

type Carrier = "UPS" | "FedEx" | "USPS";

interface Buyer {
  /** 1-based index into CUSTOMER_SPECS, or a guest's details. */
  customer?: number;
  guest?: { firstName: string; lastName: string; postalCode: string };
}

/** One order, described by its status and the few relative times that matter to the journeys (in days ago). */
type OrderSpec = Buyer & { items: LineSpec[] } & (
    | { status: "placed"; placedDaysAgo: number }
    | { status: "paid"; placedDaysAgo: number }
    | { status: "in_production"; placedDaysAgo: number }
    | { status: "shipped"; shippedDaysAgo: number; carrier: Carrier }
    | { status: "out_for_delivery"; shippedDaysAgo: number; carrier: Carrier }
    | { status: "delivered"; deliveredDaysAgo: number; carrier: Carrier }
    | { status: "cancelled"; placedDaysAgo: number; reason: string }
    | { status: "exception"; shippedDaysAgo: number; carrier: Carrier; reason: string }
  );

const guest = (firstName: string, lastName: string, postalCode: string) => ({
  guest: { firstName, lastName, postalCode },
});

// Written oldest-looking first, but numbers are assigned by placement time, so #1001 is always the oldest.
// prettier-ignore
const ORDER_SPECS: OrderSpec[] = [
  // delivered long ago: both windows closed
  { status: "delivered", deliveredDaysAgo: 120, carrier: "FedEx", customer: 1, items: [{ handle: "platinum-solitaire-engagement-ring", size: 6 }] },
  { status: "delivered", deliveredDaysAgo: 90, carrier: "UPS", customer: 2, items: [{ handle: "14k-yellow-gold-huggie-hoops" }, { handle: "sterling-silver-pearl-stud-earrings" }] },
  { status: "delivered", deliveredDaysAgo: 75, carrier: "UPS", ...guest("Grace", "Lee", "97214"), items: [{ handle: "14k-white-gold-diamond-tennis-bracelet" }] },
  { status: "cancelled", placedDaysAgo: 62, reason: "Cancelled at the customer's request — refunded in full", customer: 3, items: [{ handle: "14k-rose-gold-morganite-halo-ring", size: 5.5 }] },
  // delivered 30–60 days ago: return window closed, resize window open
  { status: "delivered", deliveredDaysAgo: 55, carrier: "USPS", customer: 4, items: [{ handle: "14k-rose-gold-twist-band", size: 7 }] },
  { status: "delivered", deliveredDaysAgo: 45, carrier: "UPS", customer: 5, items: [{ handle: "14k-yellow-gold-signet-ring", size: 8, engraved: true }] },
  { status: "delivered", deliveredDaysAgo: 35, carrier: "FedEx", customer: 6, items: [{ handle: "platinum-classic-wedding-band", size: 9 }] },
  // delivered inside the 30-day return window
  { status: "delivered", deliveredDaysAgo: 25, carrier: "UPS", customer: 7, items: [{ handle: "14k-white-gold-sapphire-eternity-band", size: 6.5 }, { handle: "14k-yellow-gold-pearl-drop-earrings", finalSale: true }] },
  { status: "delivered", deliveredDaysAgo: 20, carrier: "FedEx", customer: 8, items: [{ handle: null, title: "Custom Design: Rose Gold Halo Ring with Heirloom Sapphire", price: 3200, size: 5.5, custom: true }] },
  { status: "delivered", deliveredDaysAgo: 15, carrier: "USPS", customer: 13, items: [{ handle: "sterling-silver-stacking-rings-set-of-three", size: 7, finalSale: true }] },
  { status: "delivered", deliveredDaysAgo: 10, carrier: "UPS", customer: 1, items: [{ handle: "14k-rose-gold-diamond-stacking-band", size: 6 }, { handle: "14k-rose-gold-initial-pendant-necklace", engraved: true }] },
  { status: "delivered", deliveredDaysAgo: 5, carrier: "FedEx", customer: 9, items: [{ handle: "14k-white-gold-lab-grown-diamond-stud-earrings" }] },
  { status: "delivered", deliveredDaysAgo: 3, carrier: "UPS", ...guest("Oliver", "Hughes", "EC1A 1BB"), items: [{ handle: "sterling-silver-cuff" }] },
  // made to order, still in the studio
  { status: "in_production", placedDaysAgo: 18, customer: 9, items: [{ handle: "platinum-oval-halo-engagement-ring", size: 5 }] },
  { status: "in_production", placedDaysAgo: 12, ...guest("Daniel", "Ortiz", "60647"), items: [{ handle: "14k-white-gold-lab-grown-diamond-tennis-necklace" }] },
  { status: "in_production", placedDaysAgo: 9, customer: 5, items: [{ handle: null, title: "Custom Design: Three-Stone Engagement Ring in Yellow Gold", price: 5400, size: 6, custom: true }] },
  { status: "in_production", placedDaysAgo: 6, customer: 7, items: [{ handle: "platinum-classic-wedding-band", size: 8.5, engraved: true }, { handle: "platinum-classic-wedding-band", size: 6, engraved: true }] },
  // cancelled
  { status: "cancelled", placedDaysAgo: 14, reason: "Payment could not be verified — order voided", ...guest("Chloe", "Ramirez", "11215"), items: [{ handle: "14k-yellow-gold-paperclip-chain-necklace" }] },
  { status: "cancelled", placedDaysAgo: 3, reason: "Cancelled before production at the customer's request — refunded in full", customer: 8, items: [{ handle: "platinum-sapphire-pendant" }] },
  // in transit
  { status: "exception", shippedDaysAgo: 8, carrier: "USPS", reason: "Held at the carrier facility — recipient signature required", customer: 13, items: [{ handle: "sterling-silver-charm-bracelet" }, { handle: "sterling-silver-box-chain-necklace" }] },
  { status: "exception", shippedDaysAgo: 6, carrier: "UPS", reason: "Address issue — the carrier could not find the delivery address", customer: 12, items: [{ handle: "14k-yellow-gold-bangle", engraved: true }] },
  { status: "exception", shippedDaysAgo: 5, carrier: "FedEx", reason: "Package damaged in transit — returning to sender", ...guest("Ben", "Mercier", "V6B 4Y8"), items: [{ handle: "platinum-diamond-huggie-hoops" }] },
  { status: "shipped", shippedDaysAgo: 3, carrier: "UPS", customer: 10, items: [{ handle: "14k-rose-gold-pave-huggie-hoops" }] },
  { status: "shipped", shippedDaysAgo: 2, carrier: "FedEx", customer: 2, items: [{ handle: "14k-white-gold-lab-grown-diamond-solitaire-ring", size: 7.5 }] },
  { status: "shipped", shippedDaysAgo: 2, carrier: "UPS", customer: 12, items: [{ handle: "14k-yellow-gold-paperclip-chain-bracelet" }, { handle: "14k-yellow-gold-paperclip-chain-necklace" }, { handle: "14k-yellow-gold-huggie-hoops", qty: 2 }] },
  { status: "shipped", shippedDaysAgo: 1, carrier: "USPS", customer: 14, items: [{ handle: "sterling-silver-signet-ring", size: 9, engraved: true }] },
  { status: "shipped", shippedDaysAgo: 0.25, carrier: "FedEx", ...guest("Priya", "Shah", "07030"), items: [{ handle: "platinum-pave-eternity-band", size: 5.5 }] },
  { status: "out_for_delivery", shippedDaysAgo: 2, carrier: "USPS", customer: 4, items: [{ handle: "sterling-silver-medium-hoop-earrings" }] },
  { status: "out_for_delivery", shippedDaysAgo: 3, carrier: "UPS", customer: 11, items: [{ handle: "14k-rose-gold-heart-locket", engraved: true }] },
  { status: "out_for_delivery", shippedDaysAgo: 2, carrier: "FedEx", customer: 1, items: [{ handle: "platinum-diamond-station-bracelet" }] },
  // just placed
  { status: "paid", placedDaysAgo: 1, customer: 3, items: [{ handle: "14k-yellow-gold-bezel-diamond-studs" }] },
  { status: "paid", placedDaysAgo: 0.25, customer: 6, items: [{ handle: "14k-rose-gold-chain-bracelet" }, { handle: "sterling-silver-ball-stud-earrings", qty: 2 }] },
  { status: "paid", placedDaysAgo: 0.08, ...guest("Zoe", "Adams", "94703"), items: [{ handle: "sterling-silver-pearl-pendant-necklace" }] },
  { status: "placed", placedDaysAgo: 0.01, customer: 14, items: [{ handle: "14k-white-gold-cuff" }] },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Days from payment to the parcel leaving: studio time for made-to-order/custom/engraved pieces. */
function leadDays(items: LineSpec[], byHandle: Map<string, Product>): number {
  let lead = 1;
  for (const item of items) {
    const product = item.handle ? byHandle.get(item.handle) : undefined;
    if (item.custom || (product && !product.readyToShip && !product.tags.includes("sold-out")))
      lead = Math.max(lead, 21);
    else if (item.engraved) lead = Math.max(lead, 4);
  }
  return lead;
}

function isInternational(postalCode: string): boolean {
  return /[A-Z]/i.test(postalCode);
}

function trackingFor(carrier: Carrier, orderNumber: number): { trackingNumber: string; trackingUrl: string } {
  const rand = prng(orderNumber * 104_729);
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(rand() * 10)).join("");
  switch (carrier) {
    case "UPS": {
      const trackingNumber = `1Z${"A1B2C3"}${digits(10)}`;
      return { trackingNumber, trackingUrl: `https://www.ups.com/track?tracknum=${trackingNumber}` };
    }
    case "FedEx": {
      const trackingNumber = digits(12);
      return { trackingNumber, trackingUrl: `https://www.fedex.com/fedextrack/?trknbr=${trackingNumber}` };
    }
    case "USPS": {
      const trackingNumber = `9400${digits(18)}`;
      return { trackingNumber, trackingUrl: `https://tools.usps.com/go/TrackConfirmAction?tLabels=${trackingNumber}` };
    }
  }
}

interface Timeline {
  placedAt: number;
  history: { status: OrderStatus; at: number; note?: string }[];
  fulfillment: { carrier: Carrier; shippedAt: number; estimatedDelivery: number } | null;
  deliveredAt: number | null;
}

/** Builds a status history consistent with the status, working backwards from the anchor time the spec gives. */
function timelineFor(spec: OrderSpec, lead: number, transitDays: number, now: number): Timeline {
  const history: Timeline["history"] = [];
  const inProduction = lead > 1;
  const opening = (placedAt: number, paid: boolean) => {
    history.push({ status: "placed", at: placedAt });
    if (paid) history.push({ status: "paid", at: placedAt + 5 * 60_000 });
  };
  // Up to "shipped", for orders that have left the studio; shippedAt fixes everything before it.
  const throughShipped = (shippedAt: number, carrier: Carrier) => {
    const placedAt = shippedAt - lead * DAY;
    opening(placedAt, true);
    if (inProduction)
      history.push({ status: "in_production", at: placedAt + 1 * DAY, note: "Your piece is being made in our studio" });
    history.push({ status: "shipped", at: shippedAt, note: `Handed to ${carrier}` });
    return placedAt;
  };

  switch (spec.status) {
    case "placed":
    case "paid": {
      const placedAt = now - spec.placedDaysAgo * DAY;
      opening(placedAt, spec.status === "paid");
      return { placedAt, history, fulfillment: null, deliveredAt: null };
    }
    case "in_production": {
      const placedAt = now - spec.placedDaysAgo * DAY;
      opening(placedAt, true);
      history.push({ status: "in_production", at: placedAt + 1 * DAY, note: "Your piece is being made in our studio" });
      return { placedAt, history, fulfillment: null, deliveredAt: null };
    }
    case "cancelled": {
      const placedAt = now - spec.placedDaysAgo * DAY;
      opening(placedAt, true);
      history.push({ status: "cancelled", at: placedAt + 20 * HOUR, note: spec.reason });
      return { placedAt, history, fulfillment: null, deliveredAt: null };
    }
    case "shipped": {
      const shippedAt = now - spec.shippedDaysAgo * DAY;
      const placedAt = throughShipped(shippedAt, spec.carrier);
      return {
        placedAt,
        history,
        fulfillment: { carrier: spec.carrier, shippedAt, estimatedDelivery: shippedAt + transitDays * DAY },
        deliveredAt: null,
      };
    }
    case "out_for_delivery": {
      const shippedAt = now - spec.shippedDaysAgo * DAY;
      const placedAt = throughShipped(shippedAt, spec.carrier);
      history.push({ status: "out_for_delivery", at: now - 3 * HOUR, note: "Out for delivery today" });
      return {
        placedAt,
        history,
        fulfillment: { carrier: spec.carrier, shippedAt, estimatedDelivery: now + 5 * HOUR },
        deliveredAt: null,
      };
    }
    case "delivered": {
      const deliveredAt = now - spec.deliveredDaysAgo * DAY;
      const shippedAt = deliveredAt - transitDays * DAY;
      const placedAt = throughShipped(shippedAt, spec.carrier);
      history.push({ status: "out_for_delivery", at: deliveredAt - 5 * HOUR });
      history.push({ status: "delivered", at: deliveredAt, note: "Delivered — signed for at the front door" });
      return {
        placedAt,
        history,
        fulfillment: { carrier: spec.carrier, shippedAt, estimatedDelivery: deliveredAt },
        deliveredAt,
      };
    }
    case "exception": {
      const shippedAt = now - spec.shippedDaysAgo * DAY;
      const placedAt = throughShipped(shippedAt, spec.carrier);
      history.push({ status: "exception", at: Math.min(now - 2 * HOUR, shippedAt + 2 * DAY), note: spec.reason });
      return {
        placedAt,
        history,
        fulfillment: { carrier: spec.carrier, shippedAt, estimatedDelivery: shippedAt + transitDays * DAY },
        deliveredAt: null,
      };
    }
  }
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * 34 orders, #1001 (oldest) to #1034 (newest), covering every status, both return windows and
 * custom/engraved/final-sale items; all times are relative to `now`.
 */
export function demoOrders(now: Date): Order[] {
  const nowMs = now.getTime();
  const products = demoProducts();
  const byHandle = new Map(products.map((p) => [p.handle, p]));
  const customers = demoCustomers();

  const drafts = ORDER_SPECS.map((spec, index) => {
    const buyer = spec.customer ? CUSTOMER_SPECS[spec.customer - 1] : spec.guest;
    if (!buyer) throw new Error("demo order without a buyer");
    const postalCode = buyer.postalCode;
    const transitDays = isInternational(postalCode) ? 5 : 3;
    const lead = leadDays(spec.items, byHandle);
    // A fixed per-order shift of up to ~3 hours spreads orders over the day, so no two share a timestamp.
    const shift = (((index * 37) % 173) + 1) * 60_000;
    const timeline = timelineFor(spec, lead, transitDays, nowMs - shift);
    return { spec, buyer, postalCode, timeline };
  });
  // Order numbers follow placement time, as a real shop's do.
  drafts.sort((x, y) => x.timeline.placedAt - y.timeline.placedAt);

  return drafts.map(({ spec, buyer, postalCode, timeline }, i) => {
    const num = 1001 + i;
    const lineItems: OrderLineItem[] = spec.items.map((item, j) => {
      const product = item.handle ? byHandle.get(item.handle) : undefined;
      if (item.handle && !product) throw new Error(`demo order refers to unknown product ${item.handle}`);
      const variant = product
        ? item.size !== undefined
          ? product.variants.find((v) => v.ringSize === item.size)
          : product.variants[0]
        : undefined;
      if (product && !variant) throw new Error(`demo order refers to unknown size ${item.size} of ${item.handle}`);
      const finalSale = item.finalSale ?? false;
      return {
        id: `li_${num}_${j + 1}`,
        productId: product?.id ?? null,
        variantId: variant?.id ?? null,
        title: product?.title ?? item.title ?? "Custom Design",
        quantity: item.qty ?? 1,
        price: variant?.price ?? item.price ?? 0,
        ringSize: item.size ?? null,
        custom: item.custom ?? false,
        engraved: item.engraved ?? false,
        finalSale,
      };
    });
    const total = round2(lineItems.reduce((sum, li) => sum + li.price * li.quantity, 0));
    const customerId = spec.customer ? customers[spec.customer - 1].id : null;
    const fulfillments = timeline.fulfillment
      ? [
          {
            carrier: timeline.fulfillment.carrier,
            ...trackingFor(timeline.fulfillment.carrier, num),
            shippedAt: new Date(timeline.fulfillment.shippedAt).toISOString(),
            estimatedDelivery: new Date(timeline.fulfillment.estimatedDelivery).toISOString(),
          },
        ]
      : [];
    const statusHistory = timeline.history.map((h) => ({
      status: h.status,
      at: new Date(h.at).toISOString(),
      ...(h.note ? { note: h.note } : {}),
    }));
    return {
      id: `ord_${num}`,
      number: String(num),
      name: `#${num}`,
      customerId,
      email: customerEmail(buyer),
      postalCode,
      status: spec.status,
      placedAt: new Date(timeline.placedAt).toISOString(),
      deliveredAt: timeline.deliveredAt === null ? null : new Date(timeline.deliveredAt).toISOString(),
      lineItems,
      fulfillments,
      statusHistory,
      total,
      currency: "USD",
      conversationId: null,
      updatedAt: statusHistory[statusHistory.length - 1].at,
    };
  });
}

// ---------- FAQ ----------

const FAQ_SPECS: Omit<FaqEntry, "id" | "updatedAt">[] = [
  {
    topic: "shipping",
    question: "How long does shipping take, and what does it cost?",
    answer:
      "Ready-to-ship pieces leave our studio in 1–2 business days; made-to-order pieces ship in 3–4 weeks. US shipping is free on orders over $150 (otherwise $8 standard) and every order ships fully insured with signature on delivery. Express 2-day shipping is $25. We ship to Canada and the UK for $30 (5–7 business days); duties are included.",
    keywords: [
      "shipping",
      "ship",
      "delivery",
      "deliver",
      "how long",
      "arrive",
      "cost",
      "free shipping",
      "express",
      "international",
      "canada",
      "uk",
    ],
  },
  {
    topic: "returns",
    question: "What is your return policy?",
    answer:
      "You can return unworn pieces within 30 days of delivery for a full refund, and resize a ring free of charge within 60 days of delivery. Custom, engraved and final-sale pieces cannot be returned. Start a return right here in the chat with your order number and email — we send a prepaid, insured label.",
    keywords: ["return", "returns", "refund", "exchange", "send back", "return policy", "resize", "30 days"],
  },
  {
    topic: "materials",
    question: "Are your diamonds lab-grown? What metals do you use?",
    answer:
      "We offer both: pieces tagged lab-grown use IGI-certified lab-grown diamonds, chemically and optically identical to mined diamonds; natural diamonds over 1 ct come with a GIA report. All our gold (14k and 18k yellow, white and rose) and sterling silver is recycled, and our platinum is 950 platinum. Every stone is conflict-free.",
    keywords: [
      "materials",
      "lab-grown",
      "lab grown",
      "diamond",
      "diamonds",
      "natural",
      "recycled",
      "gold",
      "platinum",
      "silver",
      "conflict-free",
      "ethical",
      "certified",
    ],
  },
  {
    topic: "warranty",
    question: "Do your pieces come with a warranty?",
    answer:
      "Every piece has a lifetime warranty against manufacturing defects — broken prongs, clasps or solder joints are repaired free. Accidental damage and loss are not covered, but we repair them at cost. Book a repair with a stylist and we send you an insured shipping label.",
    keywords: ["warranty", "guarantee", "repair", "broken", "defect", "prong", "clasp", "lifetime"],
  },
  {
    topic: "financing",
    question: "Can I pay in installments?",
    answer:
      "Yes. At checkout you can split purchases over $150 into 4 interest-free payments with Afterpay or Klarna, or choose monthly payments over 6, 12 or 24 months with Affirm (0% APR for qualified buyers on orders over $1,000). Checking your eligibility does not affect your credit score.",
    keywords: [
      "financing",
      "payment plan",
      "installments",
      "instalments",
      "affirm",
      "klarna",
      "afterpay",
      "pay later",
      "monthly payments",
      "interest-free",
    ],
  },
  {
    topic: "care",
    question: "How do I clean and care for my jewelry?",
    answer:
      "Soak gold and platinum in warm water with a drop of mild dish soap, brush gently with a soft toothbrush and pat dry. Wipe pearls with a soft damp cloth only. Keep silver in the anti-tarnish pouch it came in. Take jewelry off before swimming, the gym or cleaning. We offer a free care refresh (clean, polish and prong check) once a year.",
    keywords: ["care", "clean", "cleaning", "polish", "tarnish", "maintenance", "shine", "care refresh"],
  },
  {
    topic: "sizing",
    question: "How do I find my ring size?",
    answer:
      "Our rings come in US sizes 4 to 9, including half sizes. Use our printable ring-size guide, or ask a stylist for a free plastic ring sizer by mail. Between two sizes? Choose the larger. Resizing is free within 60 days of delivery (engraved and custom rings excepted).",
    keywords: [
      "ring size",
      "sizing",
      "size guide",
      "what size",
      "find my size",
      "ring sizer",
      "resize",
      "too big",
      "too small",
    ],
  },
  {
    topic: "customization",
    question: "Do you offer engraving or custom designs?",
    answer:
      "Many of our rings, lockets, bars and bangles can be engraved (up to 20 characters) — engraved pieces ship in about a week and cannot be returned. For fully custom designs or remaking an heirloom, a stylist will guide you through sketches, stones and a quote; custom pieces take 4–6 weeks.",
    keywords: [
      "custom",
      "engrave",
      "engraving",
      "personalised",
      "personalized",
      "bespoke",
      "design my own",
      "heirloom",
    ],
  },
];

export function demoFaq(): FaqEntry[] {
  return FAQ_SPECS.map((f) => ({ ...f, id: `faq_${f.topic}`, updatedAt: CATALOG_UPDATED_AT }));
}
