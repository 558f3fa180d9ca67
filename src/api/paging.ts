/**
 * Cursor pagination: a cursor is an opaque token (base64url of the offset of the next row); a page
 * is fetched with one row more than asked to tell whether a next page exists.
 */
import { LIMIT_DEFAULT } from './schemas.js';
import { ApiError } from './errors.js';

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    v = null;
  }
  const o = (v as { o?: unknown } | null)?.o;
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || o > 1e9) throw new ApiError(400, 'bad_request', `cursor ${JSON.stringify(cursor)} is not one this server gave`, [{ instancePath: '/cursor' }]);
  return o;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset }), 'utf8').toString('base64url');
}

/** Runs `fetch(offset, limit + 1)` and returns the page with its `next` cursor. */
export async function paged<T>(q: { limit?: number; cursor?: string }, fetch: (offset: number, limit: number) => Promise<T[]>): Promise<{ items: T[]; next: string | null }> {
  const limit = q.limit ?? LIMIT_DEFAULT;
  const offset = decodeCursor(q.cursor);
  const rows = await fetch(offset, limit + 1);
  const more = rows.length > limit;
  return { items: more ? rows.slice(0, limit) : rows, next: more ? encodeCursor(offset + limit) : null };
}
