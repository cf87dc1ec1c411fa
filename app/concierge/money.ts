// Money for shopper-facing copy: whole amounts without cents ("$1,000"), others with them ("$1,299.50").

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, locale: string, whole: boolean): Intl.NumberFormat | null {
  const key = `${locale}|${currency}|${whole}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, {
        style: "currency",
        currency,
        ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
      });
    } catch {
      return null; // an unknown currency code or locale
    }
    formatters.set(key, f);
  }
  return f;
}

/**
 * Formats an amount in major units of `currency` (ISO 4217, default USD). An amount that is whole to the cent
 * shows no cents ("$1,000"); otherwise the currency's usual decimals are kept ("$1,299.50"). An unknown
 * currency code falls back to "1,299.50 XYZ" rather than throwing; a non-finite amount gives "—".
 */
export function formatMoney(amount: number, currency = "USD", locale = "en-US"): string {
  if (!Number.isFinite(amount)) return "—";
  const code = currency.trim().toUpperCase() || "USD";
  const whole = Math.round(amount * 100) % 100 === 0;
  const f = formatter(code, locale, whole);
  if (f) return f.format(whole ? Math.round(amount) : amount);
  const plain = new Intl.NumberFormat(
    locale,
    whole ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  );
  return `${plain.format(amount)} ${code}`;
}
