import { describe, expect, it } from "vitest";
import {
  describeReplyTime,
  expectedReplyBy,
  isWithinBusinessHours,
  localParts,
  zonedTime,
  type BusinessHoursLike,
} from "~/concierge/businessHours";

const weekday = { open: 9 * 60, close: 17 * 60 };
const NY: BusinessHoursLike = {
  timezone: "America/New_York",
  days: { 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday },
};

const iso = (s: string) => new Date(s);

describe("localParts", () => {
  const cases: [instant: string, tz: string, expected: Partial<ReturnType<typeof localParts>>][] = [
    ["2025-03-14T20:00:00Z", "America/New_York", { year: 2025, month: 3, day: 14, hour: 16, minute: 0, weekday: 5 }],
    ["2025-03-07T21:00:00Z", "America/New_York", { day: 7, hour: 16, weekday: 5 }], // EST, before the change
    ["2025-01-01T04:59:00Z", "America/New_York", { year: 2024, month: 12, day: 31, hour: 23, minute: 59, weekday: 2 }],
    ["2025-01-01T00:00:00Z", "UTC", { year: 2025, month: 1, day: 1, hour: 0, weekday: 3 }],
    ["2025-03-10T03:00:00Z", "Asia/Kolkata", { day: 10, hour: 8, minute: 30, weekday: 1 }],
    ["2025-03-10T03:00:00Z", "Not/AZone", { day: 10, hour: 3, minute: 0 }], // unknown zone → UTC
  ];
  it.each(cases)("%s in %s", (instant, tz, expected) => {
    expect(localParts(iso(instant), tz)).toMatchObject(expected);
  });
});

describe("zonedTime", () => {
  const cases: [name: string, args: [number, number, number, number, string], expected: string][] = [
    ["New York winter", [2025, 1, 15, 9 * 60, "America/New_York"], "2025-01-15T14:00:00.000Z"],
    ["New York summer", [2025, 7, 15, 9 * 60, "America/New_York"], "2025-07-15T13:00:00.000Z"],
    ["day of the spring change, after it", [2025, 3, 9, 9 * 60, "America/New_York"], "2025-03-09T13:00:00.000Z"],
    ["spring gap 02:30 reads as 03:30 EDT", [2025, 3, 9, 2 * 60 + 30, "America/New_York"], "2025-03-09T07:30:00.000Z"],
    ["autumn repeated 01:30 takes the first (EDT)", [2025, 11, 2, 90, "America/New_York"], "2025-11-02T05:30:00.000Z"],
    ["day of the autumn change, after it", [2025, 11, 2, 9 * 60, "America/New_York"], "2025-11-02T14:00:00.000Z"],
    ["Berlin repeated 02:30 takes the first (CEST)", [2025, 10, 26, 150, "Europe/Berlin"], "2025-10-26T00:30:00.000Z"],
    ["Kolkata half-hour offset", [2025, 3, 10, 9 * 60, "Asia/Kolkata"], "2025-03-10T03:30:00.000Z"],
    ["Sydney summer (AEDT)", [2025, 1, 10, 9 * 60, "Australia/Sydney"], "2025-01-09T22:00:00.000Z"],
    ["Sydney winter (AEST)", [2025, 7, 10, 9 * 60, "Australia/Sydney"], "2025-07-09T23:00:00.000Z"],
    ["end of day 24:00 is next midnight", [2025, 1, 15, 1440, "America/New_York"], "2025-01-16T05:00:00.000Z"],
  ];
  it.each(cases)("%s", (_name, args, expected) => {
    expect(zonedTime(...args).toISOString()).toBe(expected);
  });
});

describe("expectedReplyBy", () => {
  const cases: [name: string, hours: BusinessHoursLike, created: string, sla: number, expected: string][] = [
    // The three documented examples (Mon–Fri 9:00–17:00 New York, SLA 4 h).
    ["Friday 16:00 → Monday 12:00", NY, "2025-03-14T20:00:00Z", 4, "2025-03-17T16:00:00.000Z"],
    ["Saturday → Monday 13:00", NY, "2025-03-15T14:00:00Z", 4, "2025-03-17T17:00:00.000Z"],
    ["Tuesday 10:30 → Tuesday 14:30", NY, "2025-03-11T14:30:00Z", 4, "2025-03-11T18:30:00.000Z"],
    // Across the DST changes: the reply is due at the same local wall-clock time.
    ["March DST: Friday 16:00 EST → Monday 12:00 EDT", NY, "2025-03-07T21:00:00Z", 4, "2025-03-10T16:00:00.000Z"],
    ["November DST: Friday 16:00 EDT → Monday 12:00 EST", NY, "2025-10-31T20:00:00Z", 4, "2025-11-03T17:00:00.000Z"],
    ["March DST: Saturday before → Monday 13:00 EDT", NY, "2025-03-08T15:00:00Z", 4, "2025-03-10T17:00:00.000Z"],
    [
      "November DST: Sunday of the change → Monday 13:00 EST",
      NY,
      "2025-11-02T15:00:00Z",
      4,
      "2025-11-03T18:00:00.000Z",
    ],
    // Edges of the day.
    ["before opening starts at opening", NY, "2025-03-10T11:00:00Z", 4, "2025-03-10T17:00:00.000Z"],
    ["exactly at opening", NY, "2025-03-10T13:00:00Z", 4, "2025-03-10T17:00:00.000Z"],
    ["exactly at closing moves to the next day", NY, "2025-03-10T21:00:00Z", 4, "2025-03-11T17:00:00.000Z"],
    ["a full day ends at closing, not the next morning", NY, "2025-03-10T13:00:00Z", 8, "2025-03-10T21:00:00.000Z"],
    ["Friday 16:30 + 1 h → Monday 9:30", NY, "2025-03-14T20:30:00Z", 1, "2025-03-17T13:30:00.000Z"],
    ["half an hour late on Tuesday → Wednesday 9:15", NY, "2025-03-11T20:45:00Z", 0.5, "2025-03-12T13:15:00.000Z"],
    ["a whole business week", NY, "2025-03-10T13:00:00Z", 40, "2025-03-14T21:00:00.000Z"],
    ["a week and an hour", NY, "2025-03-10T13:00:00Z", 41, "2025-03-17T14:00:00.000Z"],
    ["seconds are kept", NY, "2025-03-11T14:30:27Z", 1, "2025-03-11T15:30:27.000Z"],
    // Other zones and schedules.
    [
      "Kolkata half-hour offset",
      { timezone: "Asia/Kolkata", days: NY.days },
      "2025-03-10T03:00:00Z",
      4,
      "2025-03-10T07:30:00.000Z",
    ],
    [
      "Sydney, autumn DST end",
      { timezone: "Australia/Sydney", days: NY.days },
      "2025-04-04T05:00:00Z",
      4,
      "2025-04-07T02:00:00.000Z",
    ],
    [
      "Saturdays only, London",
      { timezone: "Europe/London", days: { 6: { open: 600, close: 960 } } },
      "2025-03-16T12:00:00Z",
      2,
      "2025-03-22T12:00:00.000Z",
    ],
    [
      "different hours per day",
      { timezone: "UTC", days: { 1: { open: 600, close: 660 }, 2: { open: 480, close: 1200 } } },
      "2025-03-10T10:30:00Z",
      2,
      "2025-03-11T09:30:00.000Z",
    ],
    // A 24-hour Sunday: business time is real elapsed time, so the 23-hour and 25-hour days count as such.
    [
      "23-hour Sunday in March",
      { timezone: "America/New_York", days: { 0: { open: 0, close: 1440 } } },
      "2025-03-09T05:00:00Z",
      24,
      "2025-03-16T05:00:00.000Z",
    ],
    [
      "25-hour Sunday in November",
      { timezone: "America/New_York", days: { 0: { open: 0, close: 1440 } } },
      "2025-11-02T04:00:00Z",
      24,
      "2025-11-03T04:00:00.000Z",
    ],
    // Fallbacks.
    [
      "no business day at all → calendar hours",
      { timezone: "America/New_York", days: {} },
      "2025-03-15T14:00:00Z",
      4,
      "2025-03-15T18:00:00.000Z",
    ],
    [
      "only empty days (close ≤ open) → calendar hours",
      { timezone: "UTC", days: { 1: { open: 600, close: 600 }, 2: { open: 700, close: 500 } } },
      "2025-03-15T14:00:00Z",
      4,
      "2025-03-15T18:00:00.000Z",
    ],
    [
      "unknown time zone → UTC",
      { timezone: "Mars/Olympus", days: NY.days },
      "2025-03-14T16:00:00Z",
      4,
      "2025-03-17T12:00:00.000Z",
    ],
    ["SLA 0 → now", NY, "2025-03-15T14:00:00Z", 0, "2025-03-15T14:00:00.000Z"],
    ["negative SLA → now", NY, "2025-03-15T14:00:00Z", -3, "2025-03-15T14:00:00.000Z"],
    ["NaN SLA → now", NY, "2025-03-15T14:00:00Z", Number.NaN, "2025-03-15T14:00:00.000Z"],
  ];
  it.each(cases)("%s", (_name, hours, created, sla, expected) => {
    expect(expectedReplyBy(iso(created), hours, sla).toISOString()).toBe(expected);
  });

  it("lands inside business hours (or at closing) and never before the creation time", () => {
    const start = Date.parse("2025-02-24T00:00:00Z");
    for (let h = 0; h < 24 * 21; h += 7) {
      const created = new Date(start + h * 3_600_000);
      for (const sla of [1, 4, 9]) {
        const due = expectedReplyBy(created, NY, sla);
        expect(due.getTime()).toBeGreaterThan(created.getTime());
        const justBefore = new Date(due.getTime() - 60_000);
        expect(isWithinBusinessHours(justBefore, NY)).toBe(true);
      }
    }
  });

  it("a longer SLA is never due earlier", () => {
    const created = iso("2025-03-06T19:45:00Z");
    let previous = 0;
    for (let sla = 0.25; sla <= 30; sla += 0.25) {
      const due = expectedReplyBy(created, NY, sla).getTime();
      expect(due).toBeGreaterThan(previous);
      previous = due;
    }
  });

  it("does not modify the creation date", () => {
    const created = iso("2025-03-14T20:00:00Z");
    expectedReplyBy(created, NY, 4);
    expect(created.toISOString()).toBe("2025-03-14T20:00:00.000Z");
  });
});

describe("isWithinBusinessHours", () => {
  const cases: [name: string, hours: BusinessHoursLike, at: string, expected: boolean][] = [
    ["Monday 9:00 EDT", NY, "2025-03-10T13:00:00Z", true],
    ["Monday 8:59 EDT", NY, "2025-03-10T12:59:00Z", false],
    ["Monday 16:59 EDT", NY, "2025-03-10T20:59:00Z", true],
    ["Monday 17:00 EDT (closing is exclusive)", NY, "2025-03-10T21:00:00Z", false],
    ["same UTC time on the Friday before DST is 8:30 EST", NY, "2025-03-07T13:30:00Z", false],
    ["9:30 EDT on the Monday after", NY, "2025-03-10T13:30:00Z", true],
    ["Saturday noon", NY, "2025-03-15T16:00:00Z", false],
    ["Sunday noon", NY, "2025-03-16T16:00:00Z", false],
    ["Friday late evening UTC is still Friday afternoon in New York", NY, "2025-03-14T20:30:00Z", true],
    ["no days configured: always open", { timezone: "UTC", days: {} }, "2025-03-16T03:00:00Z", true],
    [
      "a configured but empty day is closed",
      { timezone: "UTC", days: { 1: { open: 600, close: 600 }, 2: weekday } },
      "2025-03-10T10:00:00Z",
      false,
    ],
  ];
  it.each(cases)("%s", (_name, hours, at, expected) => {
    expect(isWithinBusinessHours(iso(at), hours)).toBe(expected);
  });
});

describe("describeReplyTime", () => {
  const cases: [name: string, due: string, now: string, tz: string, expected: string][] = [
    ["later today", "2025-03-11T18:30:00Z", "2025-03-11T14:30:00Z", "America/New_York", "today by 2:30 PM"],
    ["tomorrow morning", "2025-03-12T14:00:00Z", "2025-03-11T20:00:00Z", "America/New_York", "tomorrow by 10:00 AM"],
    ["Friday to Monday", "2025-03-17T16:00:00Z", "2025-03-14T20:00:00Z", "America/New_York", "Monday by 12:00 PM"],
    ["across the DST change", "2025-03-10T16:00:00Z", "2025-03-07T21:00:00Z", "America/New_York", "Monday by 12:00 PM"],
    [
      "tomorrow in the shop's zone though the same UTC day",
      "2025-03-11T14:00:00Z",
      "2025-03-11T03:00:00Z",
      "America/New_York",
      "tomorrow by 10:00 AM",
    ],
    [
      "today in the shop's zone though the next UTC day",
      "2025-03-12T01:00:00Z",
      "2025-03-11T20:00:00Z",
      "America/New_York",
      "today by 9:00 PM",
    ],
    ["midnight", "2025-03-12T04:00:00Z", "2025-03-11T20:00:00Z", "America/New_York", "tomorrow by 12:00 AM"],
    ["noon", "2025-03-11T16:00:00Z", "2025-03-11T13:00:00Z", "America/New_York", "today by 12:00 PM"],
    ["minutes padded", "2025-03-11T13:05:00Z", "2025-03-11T12:00:00Z", "America/New_York", "today by 9:05 AM"],
    [
      "six days ahead: a weekday name",
      "2025-03-17T13:00:00Z",
      "2025-03-11T13:00:00Z",
      "America/New_York",
      "Monday by 9:00 AM",
    ],
    [
      "a week or more ahead: a date",
      "2025-03-24T13:00:00Z",
      "2025-03-11T13:00:00Z",
      "America/New_York",
      "on March 24 by 9:00 AM",
    ],
    ["across the new year", "2026-01-01T14:00:00Z", "2025-12-31T20:00:00Z", "America/New_York", "tomorrow by 9:00 AM"],
    ["Tokyo", "2025-03-11T01:00:00Z", "2025-03-10T23:00:00Z", "Asia/Tokyo", "today by 10:00 AM"],
    ["already due", "2025-03-11T13:00:00Z", "2025-03-11T14:00:00Z", "America/New_York", "shortly"],
    ["due exactly now", "2025-03-11T13:00:00Z", "2025-03-11T13:00:00Z", "America/New_York", "shortly"],
  ];
  it.each(cases)("%s", (_name, due, now, tz, expected) => {
    expect(describeReplyTime(iso(due), iso(now), tz)).toBe(expected);
  });

  it("describes what expectedReplyBy computed for the documented examples", () => {
    const friday = iso("2025-03-14T20:00:00Z");
    expect(describeReplyTime(expectedReplyBy(friday, NY, 4), friday, NY.timezone)).toBe("Monday by 12:00 PM");
    const tuesday = iso("2025-03-11T14:30:00Z");
    expect(describeReplyTime(expectedReplyBy(tuesday, NY, 4), tuesday, NY.timezone)).toBe("today by 2:30 PM");
  });
});
