/**
 * Publication dates as inputs give them -> `YYYY-MM-DD`: ISO dates and datetimes (the calendar date
 * as written, not shifted to UTC: a Moscow article of 23:30 +03:00 is of that day), RFC 822 dates
 * of RSS (`Thu, 05 Feb 2026 09:30:00 +0300`), `DD.MM.YYYY`, and Unix timestamps.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

function valid(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null; // 31 Feb
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function normalizeDate(v: unknown): string | null {
  if (v == null) return null;
  if (typeof v === 'number' && Number.isFinite(v)) {
    const ms = v > 1e11 ? v : v * 1000; // seconds or milliseconds
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? null : valid(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (!s) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_])/.exec(s);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})(?:$|T)/.exec(s);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})\b/.exec(s);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(s);
  if (m) return valid(+m[3], +m[2], +m[1]);
  // RFC 822 / 2822: [Thu,] 5 Feb 2026 ...
  m = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{2,4})\b/.exec(s);
  if (m && MONTHS[m[2].toLowerCase()]) {
    let y = +m[3];
    if (m[3].length === 2) y += y < 70 ? 2000 : 1900;
    return valid(y, MONTHS[m[2].toLowerCase()], +m[1]);
  }
  // Feb 5, 2026
  m = /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b/.exec(s);
  if (m && MONTHS[m[1].toLowerCase()]) return valid(+m[3], MONTHS[m[1].toLowerCase()], +m[2]);
  if (/^\d{10}(\d{3})?$/.test(s)) return normalizeDate(Number(s));
  return null;
}
