// A realistic mix of shopper messages for the benchmarks: discovery, tracking, service questions, chatter, in
// English, French, Spanish and German, with the typos, shorthand and exclusions of the second release.

export const BENCH_MESSAGES: string[] = [
  "rose gold rings under $800",
  "something for my wife's anniversary around 1.5k",
  "ready-to-ship studs",
  "show me more",
  "in platinum instead",
  "where is my order #1012",
  "has my package shipped yet",
  "I want to return order #1042",
  "the ring doesn't fit, can I exchange it",
  "what ring size should I get",
  "can you resize my ring to a 6.5",
  "my necklace is tarnishing, how do I clean it",
  "do you take afterpay",
  "I'd like to talk to a real person",
  "can you engrave a name on a bracelet",
  "hi there",
  "thanks so much!",
  "14k white gold hoops between $300 and $600",
  "sterling silver cuff",
  "gift for my mom, budget is $250",
  "are your diamonds lab-grown",
  "how long does shipping take",
  "asdfghjkl",
  "necklaces over $1,000 in yellow gold",
  // second release: typos, shorthand, exclusions
  "trakcing for my neklace pls",
  "i wanna retrun the brcelet",
  "rings but not gold, under 2k",
  "from 1k to 2.5k, white gold studs",
  "do you ship to 90210",
  "bday gift for my gf w/o diamonds",
  // French
  "où est ma commande n° 1042 ?",
  "je cherche des créoles en or rose à moins de 1 500 €",
  "je voudrais retourner mon collier",
  "bague taille 54, pas en argent",
  "paiement en plusieurs fois possible ?",
  "merci beaucoup",
  // Spanish
  "¿dónde está mi pedido?",
  "busco una pulsera de plata entre 200 y 400 euros",
  "quiero devolver unos pendientes",
  "anillo talla 14 sin oro",
  "¿puedo hablar con un asesor?",
  "hola, buenas tardes",
  // German
  "Wo ist meine Bestellung?",
  "Ich suche einen Weißgoldring unter 2.000 €",
  "Ich möchte meine Ohrringe zurückgeben",
  "Ketten, aber kein Silber, etwa 300 Euro",
  "Welche Ringgröße brauche ich?",
  "Vielen Dank!",
];

/** Messages the rules cannot read (three words or more): the ones the optional language model is asked about. */
export const UNREADABLE_MESSAGES: string[] = [
  "my doohickey thing went kinda funky on one end",
  "the whatsit from last month is being odd",
  "hmm so about that thingy you sent over",
  "le machin que j'ai reçu fait un drôle de bruit",
  "el cacharro ese se ve raro desde ayer",
  "das Dingsbums sieht irgendwie komisch aus",
];
