// Which of the four languages a message is written in, from its everyday words. The guess only decides the
// few rules that differ by language (a dot or a space as thousands separator); every vocabulary is always on.
import type { Lang } from "./phrases";

/** Everyday words of each language, folded (no accents). Short, frequent and distinctive ones only. */
export const EVERYDAY: Record<Lang, readonly string[]> = {
  en: (
    "the and you your my for with where what when how why which this that these those have has had want " +
    "need would could should please thanks thank looking some any something anything is are was were does " +
    "did can will it its of to in on at from by about under over between around show me i we our not " +
    "just like get got order ring rings necklace earrings bracelet gold silver gift wife husband mom"
  ).split(" "),
  fr: (
    "je tu il elle nous vous ils elles le la les des du un une mon ma mes ton ta tes son sa ses notre votre " +
    "est sont suis ai avez avons fait faire pour avec sans dans sur sous chez mais ou et donc car que qui " +
    "quoi quel quelle quels quelles comment combien quand pourquoi ou est ce cette ces pas plus moins tres " +
    "bien merci bonjour salut bonsoir oui non voudrais veux cherche aimerais besoin peux pouvez puis " +
    "commande colis bague bagues collier boucles oreilles bracelet cadeau femme mari entre environ jusqu " +
    "aussi encore deja toujours rien tout tous toute toutes autre autres quelque chose"
  ).split(" "),
  es: (
    "yo tu el ella nosotros usted ustedes los las un una unos unas mi mis su sus nuestro es son estoy esta " +
    "estan tengo tiene quiero quisiera busco necesito puedo puede para por con sin sobre pero y o que quien " +
    "cual como cuanto cuando donde porque muy mas menos bien gracias hola buenos buenas si no pedido paquete " +
    "anillo anillos collar pendientes aretes pulsera regalo esposa marido novia entre hasta desde tambien " +
    "todavia ya nada todo todos otra otro otros algo alguno alguna del al"
  ).split(" "),
  de: (
    "ich du er sie wir ihr der die das den dem des ein eine einen einem einer mein meine meinen meiner dein " +
    "ist sind bin habe hat haben mochte moechte will suche brauche kann konnen koennen fur fuer mit ohne " +
    "und oder aber nicht kein keine keinen wo wann wie was warum welche welcher welches wieviel sehr " +
    "danke bitte hallo guten tag ja nein bestellung paket ring ringe kette halskette ohrringe armband " +
    "geschenk frau mann freundin zwischen unter uber ueber bis ab etwa auch noch schon alles etwas andere"
  ).split(" "),
};

/** Words that exist in several of the languages say nothing about which one a message is in. */
const SHARED = new Set<string>();
const OWNER = new Map<string, Lang>();
for (const [lang, words] of Object.entries(EVERYDAY) as [Lang, readonly string[]][]) {
  for (const w of words) {
    const owner = OWNER.get(w);
    if (owner !== undefined && owner !== lang) SHARED.add(w);
    else OWNER.set(w, lang);
  }
}
for (const w of SHARED) OWNER.delete(w);

const WORD_RE = /[a-z]+/g;

/**
 * The language a folded message is most likely written in: the one whose everyday words it uses most,
 * English on a tie or when nothing tells.
 */
export function detectLanguage(folded: string): Lang {
  const score: Record<Lang, number> = { en: 0, fr: 0, es: 0, de: 0 };
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(folded))) {
    const lang = OWNER.get(m[0]);
    if (lang !== undefined) score[lang]++;
  }
  let best: Lang = "en";
  for (const lang of ["fr", "es", "de"] as const) if (score[lang] > score[best]) best = lang;
  return best;
}
