// Word lists of the understanding step, written in the phrase grammar of phrases.ts and compiled once here.
// Phrases are matched against normalised text: contractions are already expanded ("doesn't" → "does not",
// "where's" → "where is"), hyphens between words are spaces, and inflections come from the grammar.
// The English lists are here; French, Spanish and German ones (french.ts, spanish.ts, german.ts) join each list as it compiles,
// so every language is understood in every shop.
import { type Category, type Metal } from "./types";
import { compilePhrases, type Lang, type Phrases } from "./phrases";
import { DE } from "./german";
import { ES } from "./spanish";
import { FR } from "./french";
import type { ServiceIntentName, Vocabulary } from "./vocabulary";

const OTHERS: ReadonlyArray<readonly [Exclude<Lang, "en">, Vocabulary]> = [
  ["fr", FR],
  ["es", ES],
  ["de", DE],
];

/** One list in every language: the English phrases and each other language's list of the same meaning. */
function everyLanguage(en: readonly string[], pick: (v: Vocabulary) => readonly string[] | undefined): Phrases {
  const out: Partial<Record<Lang, readonly string[]>> = { en };
  for (const [lang, vocabulary] of OTHERS) {
    const list = pick(vocabulary);
    if (list?.length) out[lang] = list;
  }
  return out;
}

/** A keyed vocabulary (category, metal, term → phrases) in every language, in the English key order first. */
function everyLanguageKeyed<K extends string>(
  en: ReadonlyArray<readonly [K, readonly string[]]>,
  pick: (v: Vocabulary) => Partial<Record<K, readonly string[]>> | undefined,
): ReadonlyArray<readonly [K, Phrases]> {
  const keys = [...en.map(([k]) => k)];
  for (const [, v] of OTHERS) for (const k of Object.keys(pick(v) ?? {}) as K[]) if (!keys.includes(k)) keys.push(k);
  const english = new Map(en);
  return keys.map((k) => [k, everyLanguage(english.get(k) ?? [], (v) => pick(v)?.[k])] as const);
}

/* ----------------------------------------------------------------------------------------------------------
 * Product vocabulary
 * -------------------------------------------------------------------------------------------------------- */

/** Category words; misspellings beyond these are caught by the spelling corrector. */
const CATEGORY_EN: ReadonlyArray<readonly [Category, readonly string[]]> = [
  [
    "earring",
    [
      "earring",
      "(=earings|=earing|=earrigns|=earrngs|=eariings|=earrins)",
      "=ear (ring|rings)",
      "(=stud|=studs)",
      "(=hoop|=hoops)",
      "(huggie|=huggy|=huggies|=huggys)",
      "=ear (climber|climbers|cuff|cuffs|crawler|crawlers|jacket|jackets|threader|threaders)",
      "climber",
      "threader",
      "(dangle|=danglers|=dangler)",
      "=drops",
      "=drop !(off|it|them|me|by|in|a|an|the|to|of|my|your|down|price|prices|ship|shipping|shipped|shipper|shipment)",
      "chandelier",
    ],
  ],
  [
    "bracelet",
    [
      "bracelet",
      "(=braclet|=braclets|=bracelette|=bracelettes|=bracelett|=brasslet|=braselet|=bracelat|=bracelete|=bracletes)",
      "bangle",
      "cuff !(link|links)",
    ],
  ],
  [
    "necklace",
    [
      "necklace",
      "(=neckless|=necklesses|=necklase|=neclace|=necklce|=neckace|=nekclace|=necklaces|=neckalce|=neckelace|=necklas)",
      "(pendant|=pendent|=pendents)",
      "chain",
      "choker",
      "lariat",
      "locket",
    ],
  ],
  [
    "ring",
    [
      "(=ring|=rings|=rign|=rigns|=ringz)",
      "=band",
      "=bands",
      "solitaire",
      "signet",
      "=engagement (=ring|=rings|set|sets)",
    ],
  ],
];

/** Metal words in the order they are tried at one position: the specific golds before bare "gold". */
const METAL_EN: ReadonlyArray<readonly [Metal, readonly string[]]> = [
  ["rose_gold", ["(rose|pink|red) =_? (=gold|=golds|=goldtone)", "=rosegold"]],
  ["white_gold", ["white =_? (=gold|=golds)", "=whitegold"]],
  ["yellow_gold", ["yellow =_? (=gold|=golds)", "=yellowgold"]],
  ["platinum", ["(=platinum|=plat|=pt950|=pt900|=pt 950|=pt 900|=platinium|=platnum)"]],
  ["silver", ["(=sterling|=silver|=925|=s925|=argentium|=silvers)", "=sterling =silver"]],
  ["gold", ["(=gold|=golden|=golds|=vermeil)"]],
];

/** Descriptive search words that are not filters, canonical form first. Used for ranking (`terms`). */
const TERM_EN: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["lab grown", ["lab (grown|created|made|=diamond|=diamonds)", "=labgrown"]],
  ["moissanite", ["(moissanite|=moissonite|=moisanite)"]],
  ["diamond", ["(diamond|=diamonds|=diamon|=dimond|=dimonds|=diamound)"]],
  ["pearl", ["pearl"]],
  ["emerald cut", ["emerald (cut|shape)"]],
  ["princess cut", ["princess (cut|shape)"]],
  ["sapphire", ["(sapphire|=saphire|=saphires)"]],
  ["emerald", ["emerald"]],
  ["ruby", ["(ruby|=rubies)"]],
  ["opal", ["opal"]],
  ["amethyst", ["amethyst"]],
  ["topaz", ["topaz"]],
  ["aquamarine", ["aquamarine"]],
  ["garnet", ["garnet"]],
  ["peridot", ["peridot"]],
  ["tanzanite", ["tanzanite"]],
  ["morganite", ["morganite"]],
  ["citrine", ["citrine"]],
  ["onyx", ["onyx"]],
  ["turquoise", ["turquoise"]],
  ["birthstone", ["(birthstone|=birth stone|=birth stones)"]],
  ["gemstone", ["(gemstone|=gem|=gems)"]],
  ["cubic zirconia", ["(=cz|cubic zirconia|=zirconia)"]],
  ["solitaire", ["solitaire"]],
  ["halo", ["halo"]],
  ["three stone", ["=three stone", "=3 stone", "=trilogy"]],
  ["pave", ["pave"]],
  ["tennis", ["=tennis"]],
  ["eternity", ["eternity"]],
  ["signet", ["signet"]],
  ["stackable", ["(stackable|stacking|=stacker|=stackers)"]],
  ["cluster", ["cluster"]],
  ["bezel", ["bezel"]],
  ["oval", ["oval"]],
  ["cushion", ["cushion (cut)?"]],
  ["pear", ["pear (shape|shaped|cut)?"]],
  ["marquise", ["marquise"]],
  ["baguette", ["baguette"]],
  ["engagement", ["=engagement"]],
  ["wedding", ["=wedding (=band|=bands|=ring|=rings|set)"]],
  ["promise", ["=promise (=ring|=rings)"]],
  ["huggie", ["(huggie|=huggy|=huggies)"]],
  ["hoop", ["(=hoop|=hoops)"]],
  ["stud", ["(=stud|=studs)"]],
  ["drop", ["=drops", "=drop (earring|=earrings)"]],
  ["dangle", ["(dangle|=dangly|=danglers)"]],
  ["climber", ["climber"]],
  ["ear cuff", ["=ear (cuff|=cuffs)"]],
  ["threader", ["threader"]],
  ["pendant", ["(pendant|=pendent)"]],
  ["chain", ["chain"]],
  ["choker", ["choker"]],
  ["lariat", ["lariat"]],
  ["locket", ["locket"]],
  ["charm", ["charm !(=bracelet)", "=charm =bracelet"]],
  ["paperclip", ["=paperclip", "=paper clip"]],
  ["cuban", ["=cuban"]],
  ["rope", ["=rope (chain)?"]],
  ["initial", ["(initial|=letter) (=necklace|=necklaces|=pendant|=pendants|=ring|=rings|=bracelet|=bracelets)"]],
  ["name", ["(=name|=nameplate) (=necklace|=necklaces|=pendant|=ring|=bracelet)"]],
  ["cross", ["=cross (=necklace|=necklaces|=pendant|=pendants)"]],
  ["heart", ["heart"]],
  ["evil eye", ["=evil eye"]],
  ["bangle", ["bangle"]],
  ["cuff", ["cuff"]],
  ["beaded", ["(=beaded|=bead|=beads)"]],
  ["anklet", ["anklet"]],
  ["brooch", ["(brooch|=broach)"]],
  ["dainty", ["(=dainty|=delicate|=minimal|=minimalist|=minimalistic|=simple|=thin)"]],
  ["chunky", ["(=chunky|=bold|=thick|=statement)"]],
  ["vintage", ["(=vintage|=antique|=retro|=art deco|=victorian|=heirloom)"]],
  ["classic", ["(=classic|=timeless|=elegant)"]],
  ["sparkly", ["(=sparkly|=sparkle|=sparkling|=blingy|=bling)"]],
  ["everyday", ["=everyday", "=every day", "=daily wear"]],
  ["layering", ["(=layering|=layered|=layer)"]],
  ["clean girl", ["=clean girl"]],
  ["mob wife", ["=mob wife"]],
  ["coquette", ["=coquette"]],
  ["old money", ["=old money", "=quiet luxury"]],
  ["boho", ["(=boho|=bohemian)"]],
  ["unisex", ["(=unisex|=mens|=men|=masculine)"]],
  ["hypoallergenic", ["(=hypoallergenic|=hypo allergenic|=nickel free|=sensitive ears|=sensitive skin)"]],
  ["waterproof", ["(=waterproof|=water proof|=water resistant)"]],
  ["tarnish free", ["(tarnish (free|resistant|proof)|(non|anti|never) tarnish)"]],
  ["sale", ["(=on sale|=sale|=discounted|=clearance)"]],
  ["new", ["=new (arrivals|arrival|in|collection|drops|releases)"]],
  ["bestseller", ["(=bestseller|=bestsellers|=best seller|=best sellers|=best selling|=popular|=trending)"]],
];

export const CATEGORY_WORDS = everyLanguageKeyed(CATEGORY_EN, (v) => v.category);
export const METAL_WORDS = everyLanguageKeyed(METAL_EN, (v) => v.metal);
export const TERM_WORDS = everyLanguageKeyed(TERM_EN, (v) => v.terms);

/** Messages that mention a gift: gift/present words, "for my <person>", or a gift-giving occasion. */
const GIFT_EN = [
  "(gift|=gifting|=giftable|=gifts|=prezzie|=pressie)",
  "=present !(day|time|moment|tense|company)",
  "=presents",
  "=for (my|our|his|her|a|the)? (=wife|=wifey|=husband|=hubby|=girlfriend|=gf|=boyfriend|=bf|=mom|=mum|=mother|=mama|=mommy|=momma|=dad|=father|=daddy|=sister|=sis|=brother|=friend|=friends|=bestie|=bff|=daughter|=son|=grandma|=grandmother|=nana|=granny|=grandpa|=aunt|=auntie|=niece|=nephew|=partner|=fiance|=fiancee|=spouse|=bride|=bridesmaid|=bridesmaids|=teacher|=boss|=coworker|=colleague|=girl|=lady|=love|=sweetheart|=valentine|=babe|=grandson|=granddaughter|=cousin|=mentor|=mother in law|=sister in law|=other half|=better half|=significant other|=mil|=mother in law)",
  "=for (her|him)",
  // "for my bf's mum", "for my best friend's birthday": a possessive before the person.
  "=for (my|our|his|her|a|the) * (=mom|=mum|=mother|=dad|=father|=sister|=brother|=wife|=husband|=girlfriend|=boyfriend|=friend|=daughter|=son|=grandma|=aunt|=mama|=birthday|=bday|=anniversary)",
  "=someone special",
  "=stocking (stuffer|stuffers|filler|fillers)",
  "=surprise (her|him|my|them)",
];
export const GIFT_PHRASES = everyLanguage(GIFT_EN, (v) => v.gift);

/** Occasions; all but a wedding imply a gift (a wedding may be the shopper's own). */
const OCCASION_EN: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["anniversary", ["(anniversary|=anniversaries|=anniversery|=aniversary|=anniv)"]],
  ["birthday", ["(birthday|=bday|=b day|=birthdy|=bdays)"]],
  ["valentines_day", ["(=valentine|=valentines|=vday|=v day|=valentines day|=valentine day)"]],
  ["mothers_day", ["(=mothers|=mums|=moms|=mother|=mom|=mum) =day"]],
  ["fathers_day", ["(=fathers|=dads|=father|=dad) =day"]],
  ["graduation", ["(graduation|=grad|=graduating|=graduate)"]],
  ["christmas", ["(=christmas|=xmas|=x mas|=holiday|=holidays|=hanukkah|=chanukah|=holiday season)"]],
  ["push_present", ["=push (present|=gift)"]],
  ["bridesmaid", ["(=bridesmaid|=bridesmaids|=bridal party|=maid of honor)"]],
  ["retirement", ["=retirement"]],
  ["wedding", ["=wedding !(=band|=bands|=ring|=rings|set|sets)"]],
];
export const OCCASION_WORDS = everyLanguageKeyed(OCCASION_EN, (v) => v.occasion);
export const NON_GIFT_OCCASIONS: ReadonlySet<string> = new Set(["wedding"]);

const WHEN =
  "(tomorrow|tonight|=monday|=tuesday|=wednesday|=thursday|=friday|=saturday|=sunday|=the weekend|=this weekend|=this week|=next week|=end of (the)? (week|month)|=christmas|=xmas|=christmas eve|=valentines|=valentines day|=mothers day|=the holidays|(her|his|my|our|their) (birthday|anniversary|wedding|graduation)|=her bday)";

/** readyToShip → true. */
const READY_TRUE_EN = [
  "ready to (ship|go|wear)",
  "=rts",
  "=in stock",
  "=instock",
  "=readytoship",
  "=available (now|today|immediately|right now)",
  "(ship|send|deliver|dispatch|arrive|get here|be here) (=today|=now|=tomorrow|=fast|=quickly|=quick|=asap|=immediately|=right away|=overnight|=same day|=next day|=this week|=soon)",
  "(ship|send|deliver|dispatch|arrive|get here|be here|get (it|them|this|one)|have (it|them|this|one)|receive (it|them|this|one)) (by|before) " +
    WHEN,
  "need (it|them|this|one|something|a gift|a present|that)? (by|before|for) " + WHEN,
  "(need|want|get|have|receive) __ (=by|=before) " + WHEN,
  "(need|want|get|have|receive) __ (=asap|=fast|=quickly|=soon|=urgently|=today|=tomorrow|=this week|=right away|=right now)",
  "(=quick|=fast|=express|=expedited|=rush|=rushed|=speedy|=same day|=next day|=overnight|=priority) (=shipping|=delivery|=dispatch)",
  "=ships (fast|quickly|quick|now|today|immediately)",
  "(=in|=on) =a (=rush|=hurry)",
  "=last minute",
  "(=asap|=urgent|=urgently)",
  "=in time for",
  "re(by):by (?:the )?\\d{1,2}(?:st|nd|rd|th)(?![a-z0-9])",
];
export const READY_TRUE = compilePhrases(everyLanguage(READY_TRUE_EN, (v) => v.readyTrue));

/** readyToShip → false; checked before READY_TRUE so "no rush" is not read as "rush". */
const READY_FALSE_EN = [
  "=made to (order|measure)",
  "=mto",
  "=no (rush|hurry|deadline|timeline)",
  "=not in a (rush|hurry)",
  "=not (urgent|a rush|a hurry)",
  "(=can|=happy to|=willing to|=do not mind|=okay to|=ok to|=fine to|=able to|=i can) =wait",
  "=take your time",
  "(=pre order|=preorder|=pre ordered|=preordered)",
  "=whenever",
];
export const READY_FALSE = compilePhrases(everyLanguage(READY_FALSE_EN, (v) => v.readyFalse));

/** Product qualities that contain service words ("tarnish free", "clean girl"): hidden from intent matching. */
export const QUALITY_MASK = compilePhrases(
  [
    "tarnish (free|resistant|proof)",
    "(non|anti|never|will not|does not|do not) tarnish",
    "=clean (girl|look|lines|aesthetic|design|style|minimal)",
    "(=scratch|=water) (resistant|proof)",
    "=waterproof",
    "=polished (finish|gold|silver|platinum|band|look|metal)",
  ],
  "g",
);

/* ----------------------------------------------------------------------------------------------------------
 * Intents
 * -------------------------------------------------------------------------------------------------------- */

export interface IntentLexicon {
  strong: RegExp;
  weak: RegExp | null;
}

function lex(
  pick: (v: Vocabulary) => { strong: readonly string[]; weak?: readonly string[] },
  strong: readonly string[],
  weak: readonly string[] = [],
): IntentLexicon {
  const weakPhrases = everyLanguage(weak, (v) => pick(v).weak);
  return {
    strong: compilePhrases(everyLanguage(strong, (v) => pick(v).strong)),
    weak: Object.values(weakPhrases).some((l) => l.length) ? compilePhrases(weakPhrases) : null,
  };
}
const intent = (name: ServiceIntentName) => (v: Vocabulary) => v.intents[name];

// Nouns only need their plurals here; literal forms keep these often-repeated groups (and regexes) small.
const ITEM =
  "(=order|=orders|=package|=packages|=parcel|=parcels|=shipment|=shipments|=delivery|=stuff|=purchase|=purchases|=item|=items|=jewelry|=jewellery|=box|=ring|=rings|=necklace|=necklaces|=earring|=earrings|=bracelet|=bracelets|=earings|=neckless|=refund|=replacement)";
/** Only the words that name an order itself, for phrases like "find my order" that would misread "find my ring size". */
const ORDER_ITEM =
  "(=order|=orders|=package|=packages|=parcel|=parcels|=shipment|=shipments|=delivery|=deliveries|=purchase|=purchases|=stuff)";

export const TRACK = lex(
  intent("track_order"),
  [
    `(where|=were|=wear|=whr|=wer) (is|are) (my|the|our|me|it) __ ${ITEM}`,
    `(where|=whr) (is|are) ${ITEM}`,
    `(where|=whr) (are|is) (you|we|things|it) (with|on) (my|the|our) ${ITEM}`,
    "order (status|update|updates|info|information|details|progress|tracking)",
    `status (of|on|for) (my|the|an|our)? ${ITEM}`,
    "(track|=tracking|=trackng|=traking|=tracker)",
    `(has|have|did) (my|the|our|this|that|your)? *? ${ITEM}? (been)? (ship|dispatch|mail|send|post|deliver|arrive|leave|go out)`,
    `(has|have|did) (it|they|you|u|she|he) (been)? (ship|dispatch|mail|send|post|deliver|arrive|leave|go out)`,
    `(is|was|are|were) (my|the|it|this|that|your|our|they)? *? ${ITEM}? (been|already)? (=shipped|=dispatched|=sent|=mailed|=posted|=delivered|=on its way|=on the way|=en route|=in transit)`,
    `(did|have|has) (you|they|u) (ship|send|dispatch|mail|post) __ (order|package|parcel|it|them|my)`,
    "(ship|arrive|deliver|send|dispatch|get here|be here|come|=here) (=yet)",
    `when (will|does|is|should|can|do|would|am|are) (it|my|the|they|this|that|our|i|we|she|he) *? ${ITEM}? (arrive|come|get here|be here|be delivered|deliver|ship|be shipped|be sent|get (it|my|them|the|our)|receive|show up|land|turn up)`,
    "(not|never|yet to) (yet)? (receive|arrive|show up|turn up|deliver|come)",
    `(not|never) (yet)? (get|=gotten) __ ${ITEM}`,
    `(lost|missing|late|delayed|stuck|stolen|overdue) ${ORDER_ITEM}`,
    `${ORDER_ITEM} (is|was|seems|looks|has|got)? (been)? (late|delayed|lost|missing|stuck|stolen|overdue)`,
    "(delivery|shipping|shipment) (status|date|update|updates|confirmation|notification|estimate|eta)",
    "=out for delivery",
    "=estimated (delivery|arrival)",
    "=eta",
    `check (on|up on)? (my|an|the|our|on my)? ${ORDER_ITEM}`,
    `look up (my|an|the)? ${ORDER_ITEM}`,
    "=lookup (my)? order",
    "=order lookup",
    `find my ${ORDER_ITEM}`,
    `(still)? waiting (on|for) (my|the|an|our) ${ORDER_ITEM}`,
    "=shipped out",
    "re(where):where (?:is|are) (?:my |the |order )?#?\\d{3,12}",
    `(any|an|some|the|get|got|need|want)? (=update|=updates|=news|=info|=information|=word|=progress) (on|about|regarding|for|with) (my|the|our|an)? ${ORDER_ITEM}`,
  ],
  [
    "(=usps|=ups|=fedex|=dhl|=canada post|=royal mail|=courier|=purolator|=shipping label)",
    "(=my|=an|=our|=the) (=order|=package|=parcel|=shipment|=delivery)",
    "=order (number|=no|=num|=id)",
    "=placed (an|my|the) order",
    "(=i|=we) (=ordered|=placed (=an|=my|=the) =order|=bought) __ (=ago|=yesterday|=last (=week|=month)|=still (=nothing|=not|=waiting))",
    "(where|=wheres) (is|are) (it|they|this|that|them)",
    "=where is my",
    "=shipped",
    "=delivered",
  ],
);

export const RETURN = lex(
  intent("return_exchange"),
  [
    "(return|=retrun|=retrurn|=returnn)",
    "(refund|=refunded|=refunds|=refundable|=reimburse|=reimbursement)",
    "(exchange|=exhange|=excahnge|=exchage|=exchnage)",
    "send (it|them|this|that|these|those|one|the|my|her|his)? __ back",
    "(ship|mail|post|give|take|bring) (it|them|this|that|these|those|one) back",
    "=swap",
    "=swapped",
    "=swapping",
    "=money back",
    "=store credit",
    "=rma",
    "(does|do|did|would|will|can) (not|never) fit",
    "(=wrong|=incorrect) (=size|=sizes|=sized)",
    "(wrong|incorrect|defective|faulty) (item|=ring|=rings|necklace|earring|bracelet|order|product|piece|color|colour|one|thing|metal|stone|length|style)",
    "(arrived|came|showed up|delivered|received) (it)? (damaged|broken|=broke|scratched|bent|defective|wrong|faulty|=cracked|=missing)",
    "=cancel",
    "=cancels",
    "=canceled",
    "=cancelled",
    "=canceling",
    "=cancelling",
    "=cancellation",
    "=changed my mind",
  ],
  [
    "(not|never) (happy|satisfied|pleased) with",
    "(do|did) not (like|love|want) (it|them|this|that|the|my)",
    "=different size",
    "(=damaged|=defective|=faulty)",
  ],
);

export const SIZING = lex(
  intent("sizing"),
  [
    "(resize|=resizing|=resized|=resizes|=resise|=resiz|=re size|=re sizing|=re sized|=resizeing)",
    "=sizing",
    "=size (guide|guides|chart|charts|calculator|tool|tools|conversion|help|finder)",
    "(=ring|=finger) sizer",
    "=sizer",
    "(what|which|=wat|=whats) (=is|=are|=should be|=would be)? (=my|=her|=his|=the|=their|=your|=our)? (=ring|=rings|=bracelet|=necklace|=chain|=finger|=wrist|=band)? (size|=sizes|=length|=lengths)",
    "(=will|=would|=does|=do|=should|=might|=can) (=it|=this|=that|=they|=these|=the ring|=my ring|=the band|=the bracelet|=it still) (=fit|=fits)",
    "(find|figure out|know|check|measure|determine|get|work out|tell|learn|=find out) (out)? (my|her|his|your|the|their|a|our)? (=ring|=finger|=wrist|=bracelet|=band)? (size|=sizes)",
    "(measure|=measuring|=measurement) __ (finger|wrist|size|=ring|neck)",
    "how (do|can|should|would|to) (i|you|we)? (know|tell|find|figure|measure|determine|choose|pick|get)? __ (size|=sizes)",
    "(=size|=sizes|=sized|=go) (it|them|this|that|my ring|the ring|her ring)? (=up|=down)",
    "(=half|=bigger|=smaller|=larger|=next) =size",
    "(make|get|have) (it|my ring|the ring|them|my band|the band|it a)? (bigger|smaller|larger|tighter|looser)",
    "(=do not|=not) (know|sure|sure of|sure about) (my|her|his|the|their|what)? (=ring)? =size",
    "(=true|=run|=runs|=running) (to size|small|large|big)",
  ],
  [
    "=too (big|small|tight|loose|large|snug|lose)",
    "(=ring|=finger|=wrist|=bracelet) (=size|=sizes)",
    "(=my|=her|=his) =size",
    "=sizes",
  ],
);

export const CARE = lex(
  intent("care_warranty"),
  [
    "clean !(girl|look|lines|aesthetic|design|style|minimal|cut)",
    "=cleaner",
    "(=polish|=polishing|=re polish|=repolish|=buff|=buffing)",
    "(tarnish|=tarnishes)",
    "(repair|=repare|=repiar|fix|mend)",
    "(break|=breaking|=broke|=broken|=snapped|=snap|=cracked|=bent|=dented|=kinked|=tangled|=knotted)",
    "(fell|fall|falls|falling|come|came|coming|popped) (out|off|apart|loose)",
    "(lost|lose|missing|loose|chipped|wobbly) (a|the|my|one|its|it is)? (stone|diamond|gem|gemstone|prong|pearl|setting|center stone)",
    "(is|are|feels|feel|seems|seem|came|come|got|gets|went|keeps|getting|coming) (=loose|=wobbly)",
    "=prong",
    "=prongs",
    "(warranty|=warrenty|=waranty|=warranties|=warrantee|=warrenty)",
    "(guarantee|=guarentee|=garantee|=guarante|=gaurantee)",
    "(maintenance|=maintenence|=maintainance|maintain)",
    "=care (for|of|instructions|guide|tips|routine|card|plan|kit)",
    "=take care",
    "=jewelry care",
    "=look after",
    "how (do|should|can|to) (i|you|we)? (care|look after|store|protect|keep) __ (it|them|my|the|this|jewelry|ring|necklace|silver|gold)",
    "(discolor|discolour|=discoloration|=discolouration)",
    "(turn|=turned) (my|her|his)? (=finger|=fingers|=skin|=neck|=wrist|=ears|=ear)? =green",
    "=green (=finger|=fingers|=skin|=mark|=marks)",
    "=rhodium",
    "(=replate|=replating|=re plate|=re plating|=re dip|=redip|=replated|=re plated)",
    "(=plating|=color|=colour|=gold) (is)? (=came|=coming|=wore|=wearing|=rubbed|=rubbing|=comes|=come|=flaking|=chipping|=peeling) (=off)?",
    "(=wore|=worn|=wearing|=rubbing|=rubbed|=flaking|=peeling) (off|away|down)",
    "(scratch|=scratches|=scratched|=scuffed|=scuff)",
    "(=dull|=cloudy|=dirty|=dingy|=faded|=fading|=grimy|=foggy)",
    "(=shower|=swim|=swimming|=sleep|=sleeping|=workout|=exercise|=gym|=showering|=bathe) (with|in) (it|them|my|the|this|these)",
    "get (it|them) wet",
    "(=wear|=wearing) (=it|=them|=this|=these|=my ring|=my necklace|=my bracelet|=my earrings)? (=in|=while|=when|=to) (=the)? (=shower|=showering|=pool|=ocean|=sea|=beach|=gym|=bath|=swimming|=sleeping|=sleep|=working out|=hot tub)",
    "(=inspection|=inspect|=reinspection|=restore|=restoring|=refurbish|=ultrasonic|=steam clean)",
    "=service (my|a|the) (=ring|=rings|necklace|bracelet|earring|jewelry|watch)",
  ],
  ["(=damage|=damaged)", "=lifetime", "=is it waterproof", "=clasp", "=stuck"],
);

export const FINANCING = lex(
  intent("financing"),
  [
    "=payment (plan|plans)",
    "(=monthly|=installment|=instalment|=easy|=low) (payment|plan|option)",
    "(=installment|=installments|=instalment|=instalments|=installements|=instalements|=instalmants|=installmants)",
    "(=financing|=finance|=financed|=finacing|=financeing|=financing options|=finance options)",
    "(=klarna|=affirm|=afterpay|=after pay|=sezzle|=zip pay|=zippay|=paypal credit|=paypal pay later|=katapult|=uplift|=paybright|=laybuy|=clearpay|=openpay)",
    "=pay (later|=over time|=monthly|=weekly|=in (=installments|=instalments|=4|=four|=3|=three|=parts|=chunks|=payments))",
    "=buy now pay later",
    "=bnpl",
    "split (the|my|it|into)? (=payment|=payments|=cost|=price|=bill|=it|=purchase)",
    "(=layaway|=lay away|=layby|=lay by)",
    "(=interest free|=zero interest|=0 percent|=no interest|=0 interest)",
    "=apr",
    "=credit (plan|option|options|line)",
    "=make payments",
    "=pay (it)? off",
    "=spread (the|out)? (=cost|=payment|=payments|=out)",
  ],
  ["(=payment|=pay|=paying) (=options|=option|=methods|=method)", "=afford", "=on credit"],
);

export const STYLIST = lex(
  intent("stylist_contact"),
  [
    "(=human|=humans|=hooman)",
    "(=real|=live|=actual|=another|=a|=an|=the) (=person|=human|=people|=agent|=operator)",
    "(=agent|=agents|=live agent)",
    "(stylist|=stylists|=styllist)",
    "(=representative|=represenative|=rep|=reps)",
    "=customer (service|services|support|care|team)",
    "(talk|speak|chat|connect|communicate) (to|with) __ (=someone|=somebody|=anyone|=anybody|=person|=human|=people|=agent|=stylist|=expert|=jeweler|=jeweller|=staff|=team|=rep|=representative|=consultant|=specialist|=manager|=employee|=associate|=owner|=you guys|=advisor|=adviser|=designer)",
    "(talk|speak|chat) (to|with) (you|your team)",
    "contact (you|us|the store|the shop|support|someone|somebody|a person|your team|customer|=them)",
    "=contact (info|information|details|number|email|page)",
    "how (do|can) (i|we) (contact|reach|call|email|phone|get hold of) (you|the store|someone|a person|your team|=them|=u)",
    "=call (me|you|the store|someone|=back)",
    "=callback",
    "=phone (number|call|=no)",
    "(give|get) (me)? a (call|ring back)",
    "=get in touch",
    "reach (you|someone|a person|out to)",
    "(book|schedule|make|set up|=arrange) (a|an)? (appointment|consultation|call|meeting|viewing|video call)",
    "(appointment|consultation)",
    "(connect|transfer|put) me (to|with|through)?",
    "escalate",
    "(=manager|=operator|=supervisor)",
    "=support team",
    "=help desk",
    "=live (chat|help|support)",
    "=personal shopper",
    "(are you|is this) (a|an)? (=bot|=robot|=ai|=real|=human|=person)",
    "=not a (=bot|=robot)",
    "(=can|=could) (=someone|=somebody|=anyone) (=help|=call|=contact|=email|=get back|=reach|=assist)",
    "=expert advice",
  ],
  ["(=someone|=somebody) to (help|talk|assist)", "=email you"],
);

export const CUSTOMIZATION = lex(
  intent("customization"),
  [
    "=custom !(=service|=services|=support)",
    "(=customize|=customise|=customized|=customised|=customizing|=customising|=customization|=customisation|=customizable|=customisable|=custom made|=custommade)",
    "(engrave|=engraving|=engravings|=ingrave|=ingraving|=ingraved|=engrave|=engrav|=engraveing|=engarve|=engarving)",
    "(=inscription|=inscribe|=inscribed|=inscribing)",
    "(=personalized|=personalised|personalize|personalise|=personalization|=personalisation|=personalize|=personalise|=personlized|=personlised|=personalzed)",
    "(monogram|=monogrammed|=monogramming)",
    "design (my|your|our|her|his|their)? own",
    "design (me)? (a|an|my|the|something|something for)",
    "(=bespoke|=one of a kind|=one off|=made to measure|=made to my)",
    "(create|make|build) (my|your|our|her|his|a|their)? own",
    "(my|our|her|his|their) own (design|stone|diamond|gem|gemstone|idea|metal|gold|sketch)",
    "(use|reset|reuse|re set|recycle|upcycle|incorporate|remount) (my|our|her|his|their|an|a|the) *? *? (=stone|=stones|diamond|=diamonds|gem|gemstone|heirloom|=gold|=family|=old ring|=old rings|=jewelry)",
    "(redesign|=re design|remodel|=remake|=reset|=reimagine|=upcycle)",
    "(=sketch|=sketches|=cad|=3d design|=render)",
    "(add|put|get|have|write|print|stamp) __ (=name|=names|initial|initials|date|=dates|message|birthstone|birthstones|text|coordinates|words|quote|signature|handwriting) (=on|=to|=in|=onto|=engraved|=added|=inside)",
    "(=designed|=design) (for me|=specially|=specifically|=from scratch)",
    "(=a|=my|=own) =design (=in mind|=idea|=ideas)",
  ],
  ["(=unique|=special) (design|piece)"],
);

export const FAQ = lex(
  intent("faq"),
  [
    "=shipping (=cost|=costs|=time|=times|=fee|=fees|=rate|=rates|=policy|=policies|=option|=options|=method|=methods|=price|=prices|=charge|=charges|=info|=information|=speed|=take|=takes|=timeline|=timeframe|=free|=included|=countries|=to)",
    "(=cost|=costs|=price|=fee|=charge) (of|for) (=shipping|=delivery)",
    "how (long|much) __ (=shipping|=delivery|=to ship|=to deliver|=to arrive|=take|=takes|=to get)",
    "=free (=shipping|=delivery|=returns|=resizing|=engraving|=gift wrap|=gift wrapping)",
    "(do|does|can|will) (you|they) (=ship|=deliver) (to|internationally|international|overseas|abroad|worldwide|outside|=in)?",
    "(=ship|=deliver|=shipping|=delivery) (=internationally|=international|=overseas|=abroad|=worldwide|=outside)",
    "(=international|=standard|=priority|=ground) (=shipping|=delivery)",
    "(=customs|=duties|=duty|=import fees|=import tax|=import taxes|=vat|=sales tax|=taxes)",
    "(=processing|=delivery|=dispatch|=turnaround|=lead|=production|=handling) (=time|=times)",
    "(are|is) (your|the|these|those|they|it|this|that|all|all your) __ (lab|real|natural|genuine|solid|ethical|ethically|conflict|recycled|hypoallergenic|nickel|certified|authentic|plated|filled|mined|sustainable|fake|vermeil|hollow|moissanite|lab grown|lab created)",
    "=made (of|from|out of)",
    "(=what|=which) (=metal|=metals|=material|=materials|=gold|=karat|=stones|=diamonds|=gems|=quality) (do|are|is|=does)",
    "(where|how) (are|is|do) (your|the|these|it|they|you) __ (=made|=sourced|=mined|=manufactured|=produced|=source|=make)",
    "(=conflict free|=ethically sourced|=ethical|=sustainable|=sustainably|=recycled gold|=recycled metals|=recycled silver|=fair trade|=fairtrade|=fairmined)",
    "(=gia|=igi|=certificate|=certificates|=certification|=certified|=appraisal|=hallmark|=hallmarked|=grading report)",
    "(=policy|=policies)",
    "(=store|=opening|=business|=shop|=showroom) (=hours|=times)",
    "(=are you|=is the store|=is your store|=is the shop|=is your shop) =open",
    "(=where are you|=where is your store|=where is your shop|=where is the store|=where is your showroom|=where are you guys) (=located|=based)?",
    "(=located|=showroom|=boutique)",
    "(=visit|=come to|=come into|=come in to|=stop by) (your|the)? (=store|=shop|=showroom|=boutique|=studio|=location)",
    "(=physical|=retail|=brick and mortar) (=store|=shop|=location)",
    "=gift (=wrap|=wraps|=wrapping|=wrapped|=box|=boxes|=receipt|=message|=note|=packaging|=bag)",
    "(=gift card|=gift cards|=giftcard|=giftcards|=gift certificate|=e gift card|=voucher)",
    "(=discount|=discounts|=coupon|=coupons|=promo|=promo code|=promocode|=discount code|=voucher code|=price match|=promotion|=promotions)",
    "(=paypal|=apple pay|=google pay|=credit card|=debit card|=visa|=mastercard|=amex|=american express|=crypto|=bitcoin|=venmo)",
    "(=privacy|=personal data|=my data|=terms and conditions|=terms of service|=cookies)",
    "(=faq|=faqs)",
    "(=newsletter|=loyalty|=rewards|=reward points|=points program)",
    "(=insurance|=insure|=insured)",
    "how (does|do) (it|this|the store|your store|you) work",
  ],
  [
    "(=express|=overnight|=expedited|=next day) (=shipping|=delivery)",
    "=lab (grown|created)",
    "=sale",
    "(=currency|=currencies)",
    "=address",
    "=nickel",
  ],
);

export const GREETING = compilePhrases(
  everyLanguage(
    [
      "re:h+i+|h+e+y+|he+y+a+|hel+o+w?|hel+lo+|h+ello+|hallo|hiya|howdy|heya|hola|yo|sup|greetings|bonjour|namaste|aloha|ahoy|hai|hii",
      "good (morning|afternoon|evening|day)",
      "(=morning|=evening|=afternoon)",
      "(=whats up|=what is up|=wassup|=wazzup)",
      "(=is) (=anyone|=anybody|=someone|=somebody) (=there|=here|=around|=home)",
      "(=anyone|=anybody) (=there|=here|=around)",
      "=how are you",
      "=how is it going",
      "=nice to meet you",
    ],
    (v) => v.greeting,
  ),
);

export const THANKS = lex(
  (v) => v.thanks,
  [
    "re:t+h+a+n+k+s*|thanks?|thank(?:you|u)|thx|thnx|thanx|thnks|thks|ty|tysm|tyvm|tnx|merci|gracias|danke",
    "=many thanks",
    "=cheers",
    "(=much|=greatly|=really|=very much) =appreciated",
    "=appreciate (it|that|you|the help|your help|this|all)",
    "(=you have|=you ve|=you were|=that was|=you are) (=been)? (=so|=very|=really|=super)? (=helpful|=great|=amazing|=wonderful|=awesome|=a star|=lovely|=kind)",
    "=that (=helps|=helped|=was helpful|=is helpful|=is great|=is perfect|=works|=is all|=will do|=is it)",
    "(=bye|=goodbye|=good bye|=bye bye|=see you|=see ya|=talk soon|=ttyl|=cya|=take care now)",
    "=have a (=good|=nice|=great|=lovely|=wonderful) (=day|=one|=night|=evening|=weekend)",
    "=all set",
    "=that is all",
  ],
  [
    "(=great|=awesome|=perfect|=amazing|=wonderful|=fantastic|=brilliant|=excellent|=lovely|=sweet|=superb|=terrific|=splendid)",
    "(=later|=ok|=okay|=k|=kk|=okey|=okie|=cool|=nice|=got it|=gotcha|=sounds good|=alright|=all good|=np|=no worries|=no problem|=fine|=good|=understood|=noted|=will do|=great thanks)",
  ],
);

/** Product-request phrasing: recommendations, browsing, wanting or needing an item. */
export const PRODUCT_REQUEST = compilePhrases(
  everyLanguage(
    [
      "(recommend|=recomend|=reccomend|=reccommend|=recommendation|=recommendations|=recs|=rec)",
      "(suggest|=sugest|=suggestion|=suggestions)",
      "(=idea|=ideas|=inspiration|=inspo)",
      "(looking|look|searching|search|shopping|shop|hunting|browse|=browsing) (for|around)",
      "=show (me|us)",
      "=show (=some|=your|=the|=any|=what)",
      "(=do|=does) (=you|=your store|=your shop|=they|=u) (=have|=sell|=carry|=make|=stock|=offer|=got)",
      "(=i|=we) (=need|=want|=would like|=am after|=am interested in|=am looking|=would love|=wanna|=need to find) (=a|=an|=some|=to buy|=to get|=to see|=something|=the|=new|=one|=pair|=to find|=to purchase)",
      "(=to buy|=buy|=buying|=purchase|=purchasing|=to get)",
      "(find|get|pick) (=me|=us|=out)",
      "=help me (=find|=choose|=pick|=decide|=select|=shop)",
      "(=any|=some) (=good)? (=options|=suggestions|=ideas|=picks|=recommendations)",
      "=what (=do you|=would you|=should i|=can you) (=have|=recommend|=suggest|=get|=buy|=show)",
      "(=best|=top) (=seller|=selling|=sellers|=rated|=picks)",
      "(=bestseller|=bestsellers|=popular|=trending|=new arrivals|=what is new|=catalog|=catalogue|=collection|=collections)",
      "(=something|=anything) (for|=special|=nice|=pretty|=sparkly|=unique|=simple|=dainty|=under|=in|=with|=like|=cute|=elegant|=classy|=beautiful|=gorgeous)",
      "(=browse|=browsing|=shopping)",
    ],
    (v) => v.request,
  ),
);

/** Generic product nouns: a weak product signal on their own ("jewelry"). */
export const PRODUCT_NOUN = compilePhrases(
  everyLanguage(
    [
      "(=jewelry|=jewellery|=jewlery|=jewelery|=jewlry|=jewerly|=jewels|=jewel|=piece|=pieces|=accessory|=accessories|=bling|=sparkle|=set|=sets|=pair|=pairs)",
    ],
    (v) => v.productNoun,
  ),
);

/** Paging the same search. Only consulted for short messages without filters. */
export const PAGING = compilePhrases(
  everyLanguage(
    [
      "=more",
      "(=show|=see|=load|=view|=any|=some|=got) =more",
      "=next",
      "=another !(=question|=thing|=issue|=problem|=order|=query|=topic)",
      "(=other|=different|=similar|=alternative) (=ones|=options|=styles|=choices|=designs|=pieces|=suggestions|=items|=products|=results|=picks)",
      "(=others|=alternatives)",
      "(=what|=anything|=something) =else",
      "=keep (=going|=them coming|=looking)",
      "(=continue|=additional|=more please)",
    ],
    (v) => v.paging,
  ),
);

/** "Cheaper" refinements: lower the price ceiling of the current search. */
export const CHEAPER = compilePhrases(
  everyLanguage(
    [
      "(=cheaper|=cheapest|=cheap|=cheapo|=inexpensive|=affordable|=budget friendly|=cheeper)",
      "=less (=expensive|=pricey|=pricy|=costly|=money)",
      "=lower (=price|=priced|=prices|=budget|=cost|=end)",
      "(=more|=most) =affordable",
      "(=too|=so|=bit|=little|=very|=rather|=quite) (=expensive|=pricey|=pricy|=costly|=spendy|=much money)",
      "=budget (=option|=options|=pick|=picks)",
      "=lower in price",
    ],
    (v) => v.cheaper,
  ),
);

/** "Pricier" refinements: raise the price floor of the current search. */
export const PRICIER = compilePhrases(
  everyLanguage(
    [
      "(=pricier|=priciest|=fancier|=fanciest|=upscale|=splurge|=luxe)",
      "(=more|=most) (=expensive|=pricey|=costly|=luxurious|=luxury|=premium|=upscale|=high end|=exclusive)",
      "=higher (=end|=price|=priced|=budget|=quality)",
      "=high end",
      "(=too|=so) =cheap",
      "=bigger budget",
    ],
    (v) => v.pricier,
  ),
);

/** Refinement markers: the message changes the current search rather than starting a new one. */
export const REFINE_MARKER = compilePhrases(
  everyLanguage(
    [
      "=instead",
      "(=what|=how) about",
      "(=same|=similar) (=but|=ones but|=style but|=thing but)",
      "(=any|=some) in",
      "(=rather|=but in|=and in|=only in|=just in|=now in)",
      "(=them|=those|=these|=ones|=it|=that|=this|=one) in",
      "(=what|=how) if",
      "(=do you have|=got|=can i get|=can i see|=are there) (=them|=those|=these|=it|=any|=that|=this|=ones|=one|=some) (=in|=under|=over|=below|=above|=for)",
      "=also",
      "=switch to",
      "=change (it|them|that|the metal|the price|the budget)? to",
    ],
    (v) => v.refine,
  ),
);

/** Words that put a metal or a category out of the search ("not gold", "sans argent", "keine Ringe"). */
export const NEGATION_CUES: Phrases = everyLanguage(
  [
    "(=not|=no|=non|=without|=except|=excluding|=exclude|=but not|=anything but|=everything but|=all but|=other than|=apart from|=besides|=instead of|=rather than|=nothing in|=never|=nor|=minus|=avoid|=hate|=allergic to)",
  ],
  (v) => v.negation,
);
