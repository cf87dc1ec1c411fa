// Business-time arithmetic in the shop's time zone, for ticket SLA deadlines and the shopper's "expected reply"
// (PRODUCT.md §2.4, §3 tickets). Local wall-clock parts come from Intl.DateTimeFormat with `timeZone`, so DST
// is handled by the platform's time-zone data; no libraries.

import { copyFor, type Locale } from "./copy";

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface BusinessHoursLike {
  /** IANA zone, e.g. "America/New_York". An unknown zone is treated as UTC. */
  timezone: string;
  /** 0 = Sunday … 6 = Saturday; minutes from local midnight. A day absent (or with close ≤ open) is closed. */
  days: Partial<Record<Weekday, { open: number; close: number }>>;
}

interface LocalParts {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Safety bound for the day walk (a tiny weekly schedule and a huge SLA): beyond it, calendar time is used. */
const MAX_DAYS = 3_700;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = {
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    };
    try {
      f = new Intl.DateTimeFormat("en-US", { ...options, timeZone: timezone });
    } catch {
      f = new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" });
    }
    formatters.set(timezone, f);
  }
  return f;
}

/** Wall-clock parts of an instant in a time zone. */
export function localParts(at: Date, timezone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timezone).formatToParts(at)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const hour = parts.hour === 24 ? 0 : parts.hour;
  const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay() as Weekday;
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour,
    minute: parts.minute,
    second: parts.second,
    weekday,
  };
}

/** The zone's offset from UTC at an instant, in ms (local = UTC + offset). */
function offsetAt(instant: number, timezone: string): number {
  const p = localParts(new Date(instant), timezone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant of a local wall-clock time (`minutes` from local midnight of year/month/day). In the spring-forward
 * gap the time is read with the offset from before the change (02:30 → 03:30); in the repeated autumn hour the
 * earlier of the two instants is used.
 */
export function zonedTime(year: number, month: number, day: number, minutes: number, timezone: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  // Offsets in force around that wall time (a zone changes offset at most once in a couple of days).
  const offsets = [...new Set([wall - DAY_MS, wall, wall + DAY_MS].map((probe) => offsetAt(probe, timezone)))];
  const valid = offsets
    .map((offset) => wall - offset)
    .filter((t) => t + offsetAt(t, timezone) === wall)
    .sort((a, b) => a - b);
  if (valid.length > 0) return new Date(valid[0]);
  return new Date(wall - offsetAt(wall - DAY_MS, timezone)); // in the gap: read with the offset before the change
}

function openDays(hours: BusinessHoursLike): Weekday[] {
  return ([0, 1, 2, 3, 4, 5, 6] as const).filter((d) => {
    const h = hours.days[d];
    return (
      h !== undefined &&
      Number.isFinite(h.open) &&
      Number.isFinite(h.close) &&
      clampMinutes(h.close) > clampMinutes(h.open)
    );
  });
}

function clampMinutes(m: number): number {
  return Math.min(1440, Math.max(0, m));
}

/**
 * When a reply is due: `slaHours` of business time after `createdAt`, counted only while the shop is open
 * (in its own time zone, in real elapsed time, so DST days are handled). Created while closed, the clock starts
 * at the next opening. With no open day configured at all, calendar hours are used. A non-positive or
 * non-finite SLA gives `createdAt` itself.
 */
export function expectedReplyBy(createdAt: Date, hours: BusinessHoursLike, slaHours: number): Date {
  if (!Number.isFinite(slaHours) || slaHours <= 0) return new Date(createdAt.getTime());
  const open = new Set(openDays(hours));
  if (open.size === 0) return new Date(createdAt.getTime() + slaHours * HOUR_MS);

  let remaining = slaHours * HOUR_MS;
  const start = localParts(createdAt, hours.timezone);
  for (let i = 0; i < MAX_DAYS; i++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
    const weekday = date.getUTCDay() as Weekday;
    if (!open.has(weekday)) continue;
    const h = hours.days[weekday]!;
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    const opens = zonedTime(y, m, d, clampMinutes(h.open), hours.timezone).getTime();
    const closes = zonedTime(y, m, d, clampMinutes(h.close), hours.timezone).getTime();
    const from = Math.max(opens, createdAt.getTime());
    if (from >= closes) continue;
    const available = closes - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
  }
  return new Date(createdAt.getTime() + slaHours * HOUR_MS);
}

/** Whether the shop is open at an instant (open ≤ local time < close). With no open day configured: always. */
export function isWithinBusinessHours(at: Date, hours: BusinessHoursLike): boolean {
  const open = openDays(hours);
  if (open.length === 0) return true;
  const p = localParts(at, hours.timezone);
  if (!open.includes(p.weekday)) return false;
  const h = hours.days[p.weekday]!;
  const minutes = p.hour * 60 + p.minute + p.second / 60;
  return minutes >= clampMinutes(h.open) && minutes < clampMinutes(h.close);
}

/**
 * A short phrase for when a reply is due, in the shop's zone and the reply's language: "today by 2:30 PM",
 * "tomorrow by 10:00 AM", "Monday by 12:00 PM" (within the week), "on March 10 by 9:00 AM" (later), "shortly"
 * (already due); "demain avant 10:00", "am Montag bis 12:00 Uhr".
 */
export function describeReplyTime(due: Date, now: Date, timezone: string, locale: Locale = "en"): string {
  const copy = copyFor(locale);
  if (due.getTime() <= now.getTime()) return copy.t("when.shortly");
  const d = localParts(due, timezone);
  const n = localParts(now, timezone);
  const days = Math.round((Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(n.year, n.month - 1, n.day)) / DAY_MS);
  const time = copy.clock(due, timezone);
  if (days <= 0) return copy.t("when.today", { time });
  if (days === 1) return copy.t("when.tomorrow", { time });
  if (days < 7) return copy.t("when.weekday", { weekday: copy.weekday(due, timezone), time });
  return copy.t("when.date", { date: copy.dayMonth(due, timezone), time });
}
