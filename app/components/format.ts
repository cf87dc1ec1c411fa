// How the admin writes numbers, times and money: one place, so every page reads the same.

export function formatPercent(value: number | null, digits = 1): string {
  return value === null ? "—" : `${(value * 100).toFixed(digits)}%`;
}

export function formatNumber(value: number | null): string {
  return value === null ? "—" : new Intl.NumberFormat("en-US").format(value);
}

export function formatMs(value: number | null): string {
  if (value === null) return "—";
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function formatMoney(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

/** "Jan 31, 14:05 EST" in the shop's time zone, so server and browser render the same text. */
export function formatDateTime(iso: string, timeZone = "UTC"): string {
  const options: Intl.DateTimeFormatOptions = {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  };
  try {
    return new Intl.DateTimeFormat("en-US", { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" }).format(new Date(iso));
  }
}

export function formatDay(day: string): string {
  return new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** "in 2 h 05 min" / "3 min overdue": an SLA deadline relative to now. */
export function formatDue(dueIso: string, now: number): { text: string; overdue: boolean; soon: boolean } {
  const diff = Date.parse(dueIso) - now;
  const minutes = Math.round(Math.abs(diff) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const span = h > 0 ? `${h} h ${String(m).padStart(2, "0")} min` : `${m} min`;
  if (diff < 0) return { text: `${span} overdue`, overdue: true, soon: false };
  return { text: `due in ${span}`, overdue: false, soon: diff < 60 * 60_000 };
}

export function titleCase(value: string): string {
  const words = value.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
