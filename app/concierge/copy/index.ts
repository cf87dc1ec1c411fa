// The concierge's copy in English, French, Spanish and German: which language a reply is in, and the strings,
// amounts and dates in it. Replies follow the request's locale, then the shop's primary locale, then English.
import { formatMoney } from "../money";
import { DE } from "./de";
import { type Catalog, type CopyKey, EN } from "./en";
import { ES } from "./es";
import { FR } from "./fr";

export type { Catalog, CopyKey } from "./en";

export const LOCALES = ["en", "fr", "es", "de"] as const;
export type Locale = (typeof LOCALES)[number];

export const CATALOGS: Record<Locale, Catalog> = { en: EN, fr: FR, es: ES, de: DE };

/** Regional formats for amounts and dates. */
const REGION: Record<Locale, string> = { en: "en-US", fr: "fr-FR", es: "es-ES", de: "de-DE" };

/** One of the four languages for a BCP 47 tag ("fr-CA" → "fr"), or undefined. */
export function supportedLocale(tag: string | null | undefined): Locale | undefined {
  const language = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : undefined;
}

/** The language of a reply: the request's locale when supported, else the shop's primary locale, else English. */
export function replyLocale(requested: string | null | undefined, shopPrimary: string | null | undefined): Locale {
  return supportedLocale(requested) ?? supportedLocale(shopPrimary) ?? "en";
}

export type Params = Readonly<Record<string, string | number>>;
const PLACEHOLDER_RE = /\{(\w+)\}/g;

export interface Copy {
  locale: Locale;
  /** The string for a key, with `{name}` placeholders filled in. */
  t(key: CopyKey, params?: Params): string;
  money(amount: number, currency: string): string;
  /** A date as "May 3, 2024" / "3 mai 2024" in the given time zone. */
  date(at: Date, timezone?: string): string;
  /** "1 day" / "3 days" in the reply's language. */
  days(count: number): string;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, timezone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timezone}`;
  let f = dateFormats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = { month: "long", day: "numeric", year: "numeric" };
    try {
      f = new Intl.DateTimeFormat(REGION[locale], { ...options, timeZone: timezone });
    } catch {
      f = new Intl.DateTimeFormat(REGION[locale], { ...options, timeZone: "UTC" });
    }
    dateFormats.set(key, f);
  }
  return f;
}

function make(locale: Locale): Copy {
  const catalog = CATALOGS[locale];
  const t = (key: CopyKey, params?: Params): string => {
    const template = catalog[key];
    return params ? template.replace(PLACEHOLDER_RE, (m, name: string) => String(params[name] ?? m)) : template;
  };
  return {
    locale,
    t,
    money: (amount, currency) => formatMoney(amount, currency, REGION[locale]),
    date: (at, timezone) => dateFormat(locale, timezone ?? "UTC").format(at),
    days: (count) => (count === 1 ? t("days.one") : t("days.many", { count })),
  };
}

const COPIES: Record<Locale, Copy> = { en: make("en"), fr: make("fr"), es: make("es"), de: make("de") };

export function copyFor(locale: Locale = "en"): Copy {
  return COPIES[locale];
}
