/**
 * Day arithmetic on ISO dates for the corpus: the day range a `Timex` value covers
 * (`2025-10` -> 2025-10-01..2025-10-31, `2026-W06` -> that week), and distances in days.
 * Days are counted as integers since 1970-01-01 (UTC), so comparisons are exact and cheap.
 */

const DAY = 86_400_000;

/** Day number of `YYYY-MM-DD` (UTC), or null when malformed. */
export function dayOf(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  return Number.isFinite(t) ? Math.floor(t / DAY) : null;
}

/** `YYYY-MM-DD` of a day number. */
export function isoOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/**
 * The inclusive day range a Timex value stands for: a day, a month, a year, an ISO week, a
 * season/quarter-less year; null when the value is not a calendar date we can place
 * (`PRESENT_REF`, `P3D`, ...).
 */
export function rangeOf(value: string | null | undefined): [number, number] | null {
  if (!value) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) {
    const d = dayOf(value);
    return d === null ? null : [d, d];
  }
  m = /^(\d{4})-W(\d{2})/.exec(value);
  if (m) {
    // ISO week 1 holds the year's first Thursday
    const jan4 = Date.UTC(+m[1], 0, 4) / DAY;
    const wd = (new Date(jan4 * DAY).getUTCDay() + 6) % 7;
    const start = jan4 - wd + (+m[2] - 1) * 7;
    return [start, start + 6];
  }
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const start = Date.UTC(+m[1], +m[2] - 1, 1) / DAY;
    const end = Date.UTC(+m[1], +m[2], 1) / DAY - 1;
    return [start, end];
  }
  m = /^(\d{4})$/.exec(value);
  if (m) return [Date.UTC(+m[1], 0, 1) / DAY, Date.UTC(+m[1] + 1, 0, 1) / DAY - 1];
  return null;
}

/** True when `value` is a date as the corpus filters take it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export function isDateFilter(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  if (m[2] && (+m[2] < 1 || +m[2] > 12)) return false;
  if (m[3]) {
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return false;
  }
  return true;
}
