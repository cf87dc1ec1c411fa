// A held-out set of shopper phrasings for the second release (typos, shorthand, exclusions, French, Spanish,
// German, money and ring sizes), written before the rules were tuned and never tuned on. It measures how well
// the rules generalise; it is not a test that must pass. `npm run bench -- heldout` prints the accuracy.
import type { Entities, Intent, UnderstandingContext } from "../app/concierge/understanding";

export interface HeldOutCase {
  text?: string;
  turns?: string[];
  context?: UnderstandingContext;
  intent: Intent;
  entities?: Partial<Entities>;
  absent?: (keyof Entities)[];
}

const c = (text: string, intent: Intent, entities?: Partial<Entities>, absent?: (keyof Entities)[]): HeldOutCase => ({
  text,
  intent,
  ...(entities ? { entities } : {}),
  ...(absent ? { absent } : {}),
});

export const HELD_OUT: HeldOutCase[] = [
  // typos and shorthand (English)
  c("wher is my pacakge", "track_order"),
  c("i need to retrn these earings", "return_exchange", { category: "earring" }),
  c("can u check my ordr status pls", "track_order"),
  c("do u guys do financeing", "financing"),
  c("is there a waranty on the braclet", "care_warranty", { category: "bracelet" }),
  c("engagment rings under 3k", "find_product", { category: "ring", priceMax: 3000 }),
  c("looking for a neckalce for my gf bday", "find_product", { category: "necklace", gift: true }),
  c("platinun wedding band", "find_product", { category: "ring", metal: "platinum" }),
  c("thx so much", "thanks"),
  c("ty!", "thanks"),
  c("wanna talk to a real person rn", "stylist_contact"),
  c("hoops w/ diamonds under 500", "find_product", { category: "earring", priceMax: 500 }),
  c("studs w/o diamonds", "find_product", { category: "earring" }),
  c("anniv gift for hubby approx 400", "find_product", { gift: true, priceMin: 320, priceMax: 480 }),
  c("how do i get a refnd", "return_exchange"),
  c("my ring is tarnised", "care_warranty", { category: "ring" }),
  c("can i engarve my braceelt", "customization", { category: "bracelet" }),
  c("need it asap, sterling silver pendant", "find_product", {
    category: "necklace",
    metal: "silver",
    readyToShip: true,
  }),
  // exclusions (English)
  c("earrings but nothing in silver", "find_product", { category: "earring", excludeMetals: ["silver"] }, ["metal"]),
  c("any metal except white gold", "find_product", { excludeMetals: ["white_gold"] }, ["metal"]),
  c("gift ideas, not jewelry for ears, so no earrings", "find_product", { excludeCategories: ["earring"] }),
  c("bracelets, no gold please", "find_product", { category: "bracelet", excludeMetals: ["gold"] }, ["metal"]),
  c("platinum rings, not white gold", "find_product", {
    category: "ring",
    metal: "platinum",
    excludeMetals: ["white_gold"],
  }),
  c("anything but necklaces under 200", "find_product", { excludeCategories: ["necklace"], priceMax: 200 }, [
    "category",
  ]),
  c("non-silver hoops", "find_product", { category: "earring", excludeMetals: ["silver"] }, ["metal"]),
  c("i dont want rose gold, show me rings", "find_product", { category: "ring", excludeMetals: ["rose_gold"] }, [
    "metal",
  ]),
  {
    turns: ["gold necklaces", "but not yellow gold"],
    intent: "find_product",
    entities: { category: "necklace", metal: "gold", excludeMetals: ["yellow_gold"] },
  },
  {
    turns: ["rings under 1000", "no silver ones"],
    intent: "find_product",
    entities: { category: "ring", priceMax: 1000, excludeMetals: ["silver"] },
  },
  // ZIPs and ranges
  c("can you deliver to 10001?", "faq", { postalCode: "10001" }),
  c("do you ship to zip 60614", "faq", { postalCode: "60614" }),
  c("between 800 and 1200, a gold bracelet", "find_product", { category: "bracelet", priceMin: 800, priceMax: 1200 }),
  c("$300-$450 earrings", "find_product", { category: "earring", priceMin: 300, priceMax: 450 }),
  c("from 2k to 4k, platinum solitaire", "find_product", {
    category: "ring",
    metal: "platinum",
    priceMin: 2000,
    priceMax: 4000,
  }),
  {
    turns: ["where is my order", "1042 30301"],
    intent: "track_order",
    entities: { orderNumber: "1042", postalCode: "30301" },
  },
  // French
  c("où en est ma commande ?", "track_order"),
  c("je voudrais suivre mon colis", "track_order"),
  c("quand vais-je recevoir ma bague ?", "track_order", { category: "ring" }),
  c("commande n° 1042, où est-elle ?", "track_order", { orderNumber: "1042" }),
  c("je veux retourner mon collier", "return_exchange", { category: "necklace" }),
  c("comment être remboursé ?", "return_exchange"),
  c("puis-je échanger ces boucles d'oreilles ?", "return_exchange", { category: "earring" }),
  c("quelle taille de bague choisir ?", "sizing"),
  c("pouvez-vous agrandir ma bague ?", "sizing", { category: "ring" }),
  c("mon bracelet est cassé", "care_warranty", { category: "bracelet" }),
  c("comment nettoyer une bague en argent", "care_warranty", { category: "ring", metal: "silver" }),
  c("est-ce que je peux payer en 3 fois ?", "financing"),
  c("je souhaite parler à une conseillère", "stylist_contact"),
  c("peut-on faire graver un prénom ?", "customization"),
  c("quels sont les frais de livraison ?", "faq"),
  c("bonjour !", "greeting"),
  c("merci beaucoup", "thanks"),
  c("je cherche des créoles en or jaune", "find_product", { category: "earring", metal: "yellow_gold" }),
  c("un collier en argent pour ma mère, moins de 150 €", "find_product", {
    category: "necklace",
    metal: "silver",
    gift: true,
    priceMax: 150,
  }),
  c("bague de fiançailles entre 1 000 et 2 000 euros", "find_product", {
    category: "ring",
    priceMin: 1000,
    priceMax: 2000,
  }),
  c("bracelet or blanc à partir de 500 €", "find_product", {
    category: "bracelet",
    metal: "white_gold",
    priceMin: 500,
  }),
  c("une alliance taille 54", "find_product", { category: "ring", ringSize: 7 }),
  c("un cadeau pour la fête des mères, environ 200 €", "find_product", { gift: true, priceMin: 160, priceMax: 240 }),
  c("des boucles d'oreilles mais pas en or", "find_product", { category: "earring", excludeMetals: ["gold"] }, [
    "metal",
  ]),
  c("tout sauf des bagues", "find_product", { excludeCategories: ["ring"] }, ["category"]),
  c("pendentif en stock, livraison rapide", "find_product", { category: "necklace", readyToShip: true }),
  c("jusqu'à 99,90 € pour une chaîne", "find_product", { category: "necklace", priceMax: 99.9 }),
  // Spanish
  c("¿dónde está mi paquete?", "track_order"),
  c("quiero rastrear mi pedido 1042", "track_order", { orderNumber: "1042" }),
  c("¿cuándo llega mi anillo?", "track_order", { category: "ring" }),
  c("quiero devolver unos pendientes", "return_exchange", { category: "earring" }),
  c("¿cómo pido un reembolso?", "return_exchange"),
  c("¿qué talla de anillo necesito?", "sizing"),
  c("mi collar se rompió", "care_warranty", { category: "necklace" }),
  c("¿tiene garantía?", "care_warranty"),
  c("¿puedo pagar a plazos?", "financing"),
  c("quiero hablar con una persona real", "stylist_contact"),
  c("¿hacen grabados personalizados?", "customization"),
  c("¿cuáles son los gastos de envío?", "faq"),
  c("hola, buenas tardes", "greeting"),
  c("muchas gracias", "thanks"),
  c("busco una pulsera de oro rosa", "find_product", { category: "bracelet", metal: "rose_gold" }),
  c("un regalo para mi novia, máximo 300 euros", "find_product", { gift: true, priceMax: 300 }),
  c("aretes de plata entre 50 y 120 €", "find_product", {
    category: "earring",
    metal: "silver",
    priceMin: 50,
    priceMax: 120,
  }),
  c("anillo talla 15 en oro blanco", "find_product", { category: "ring", metal: "white_gold", ringSize: 7.5 }),
  c("collares sin plata", "find_product", { category: "necklace", excludeMetals: ["silver"] }, ["metal"]),
  c("lo que sea menos anillos", "find_product", { excludeCategories: ["ring"] }),
  c("colgante de platino desde 1.200 €", "find_product", { category: "necklace", metal: "platinum", priceMin: 1200 }),
  c("necesito un anillo listo para enviar", "find_product", { category: "ring", readyToShip: true }),
  // German
  c("Wo ist mein Paket?", "track_order"),
  c("Wie ist der Status meiner Bestellung?", "track_order"),
  c("Bestellnummer 1042 – wann kommt sie an?", "track_order", { orderNumber: "1042" }),
  c("Ich möchte meine Ohrringe zurückgeben", "return_exchange", { category: "earring" }),
  c("Wie bekomme ich eine Erstattung?", "return_exchange"),
  c("Welche Ringgröße brauche ich?", "sizing"),
  c("Kann man den Ring weiten lassen?", "sizing", { category: "ring" }),
  c("Meine Kette ist kaputt", "care_warranty", { category: "necklace" }),
  c("Mein Silberarmband ist angelaufen", "care_warranty", { category: "bracelet", metal: "silver" }),
  c("Kann ich in Raten zahlen?", "financing"),
  c("Ich würde gern mit einem Berater sprechen", "stylist_contact"),
  c("Bieten Sie eine Gravur an?", "customization"),
  c("Wie hoch sind die Versandkosten?", "faq"),
  c("Guten Morgen", "greeting"),
  c("Vielen Dank!", "thanks"),
  c("Ich suche einen Ring aus Roségold", "find_product", { category: "ring", metal: "rose_gold" }),
  c("Goldkette für meine Frau bis 400 Euro", "find_product", {
    category: "necklace",
    metal: "gold",
    gift: true,
    priceMax: 400,
  }),
  c("Ohrstecker aus Platin zwischen 300 und 600 €", "find_product", {
    category: "earring",
    metal: "platinum",
    priceMin: 300,
    priceMax: 600,
  }),
  c("Ehering Größe 58 in Gelbgold", "find_product", { category: "ring", metal: "yellow_gold", ringSize: 8.5 }),
  c("Armbänder, aber kein Silber", "find_product", { category: "bracelet", excludeMetals: ["silver"] }, ["metal"]),
  c("alles außer Ketten", "find_product", { excludeCategories: ["necklace"] }, ["category"]),
  c("Anhänger ab 1.000 €", "find_product", { category: "necklace", priceMin: 1000 }),
  c("Geschenkidee zum Jahrestag, ungefähr 250 Euro", "find_product", {
    gift: true,
    priceMin: 200,
    priceMax: 250 * 1.2,
  }),
  c("Weissgoldring sofort lieferbar", "find_product", { category: "ring", metal: "white_gold", readyToShip: true }),
  // accents optional and mixed languages
  c("creoles en or rose", "find_product", { category: "earring", metal: "rose_gold" }),
  c("ringgroesse 52", "sizing", { ringSize: 6 }),
  c("weissgold ohrringe", "find_product", { category: "earring", metal: "white_gold" }),
  c("pulsera plata para mama", "find_product", { category: "bracelet", metal: "silver", gift: true }),
  c("Hola! where is my order #1042", "track_order", { orderNumber: "1042" }),
];
