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
  /** A time of day ("2:30 PM", "14:30"), a weekday ("Monday", "lundi") and a day of a month ("March 10", "10 mars"). */
  clock(at: Date, timezone: string): string;
  weekday(at: Date, timezone: string): string;
  dayMonth(at: Date, timezone: string): string;
}

const DATE: Intl.DateTimeFormatOptions = { month: "long", day: "numeric", year: "numeric" };
const CLOCK: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit" };
const WEEKDAY: Intl.DateTimeFormatOptions = { weekday: "long" };
const DAY_MONTH: Intl.DateTimeFormatOptions = { month: "long", day: "numeric" };

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, timezone: string, options: Intl.DateTimeFormatOptions = DATE): Intl.DateTimeFormat {
  const key = `${locale}|${timezone}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(REGION[locale], { ...options, timeZone: timezone });
    } catch {
      f = new Intl.DateTimeFormat(REGION[locale], { ...options, timeZone: "UTC" });
    }
    dateFormats.set(key, f);
  }
  return f;
}

/** ICU puts a narrow no-break space before "PM"; a plain space reads the same and matches what we always wrote. */
const NARROW_SPACE_RE = /\u202f/g;

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
    clock: (at, timezone) => dateFormat(locale, timezone, CLOCK).format(at).replace(NARROW_SPACE_RE, " "),
    weekday: (at, timezone) => dateFormat(locale, timezone, WEEKDAY).format(at),
    dayMonth: (at, timezone) => dateFormat(locale, timezone, DAY_MONTH).format(at),
  };
}

const COPIES: Record<Locale, Copy> = { en: make("en"), fr: make("fr"), es: make("es"), de: make("de") };

export function copyFor(locale: Locale = "en"): Copy {
  return COPIES[locale];
}
