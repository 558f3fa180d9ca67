/** Calendar arithmetic on UTC dates and ISO 8601 formatting. */

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function parseIsoDate(s: string | null | undefined): Ymd | null {
  if (!s) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim());
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return { y, m: mo, d };
}

export function toUtc(d: Ymd): Date {
  return new Date(Date.UTC(d.y, d.m - 1, d.d, 12));
}

export function fromUtc(t: Date): Ymd {
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function addDays(d: Ymd, n: number): Ymd {
  const t = toUtc(d);
  t.setUTCDate(t.getUTCDate() + n);
  return fromUtc(t);
}

export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const k = y * 12 + (m - 1) + n;
  return { y: Math.floor(k / 12), m: (k % 12) + 1 };
}

/** 0 = Sunday ... 6 = Saturday */
export function weekday(d: Ymd): number {
  return toUtc(d).getUTCDay();
}

export function daysBetween(a: Ymd, b: Ymd): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86400000);
}

export function compare(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

export function validDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const p2 = (n: number) => String(n).padStart(2, '0');

export function isoDay(d: Ymd): string {
  return `${String(d.y).padStart(4, '0')}-${p2(d.m)}-${p2(d.d)}`;
}

export function isoMonth(y: number, m: number): string {
  return `${String(y).padStart(4, '0')}-${p2(m)}`;
}

/** ISO 8601 week of a date: `2026-W06`. */
export function isoWeek(d: Ymd): string {
  const t = toUtc(d);
  const dow = (t.getUTCDay() + 6) % 7; // Monday 0
  t.setUTCDate(t.getUTCDate() - dow + 3); // Thursday of this week
  const wy = t.getUTCFullYear();
  const jan4 = new Date(Date.UTC(wy, 0, 4, 12));
  const jdow = (jan4.getUTCDay() + 6) % 7;
  jan4.setUTCDate(jan4.getUTCDate() - jdow + 3);
  const week = 1 + Math.round((t.getTime() - jan4.getTime()) / (7 * 86400000));
  return `${wy}-W${p2(week)}`;
}
