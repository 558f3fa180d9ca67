/**
 * The per-article term data search needs for match offsets and snippets, stored compactly beside
 * a contentless FTS5 index (the index itself keeps no copy of the terms):
 *   offsets  token i's start and end as zigzag LEB128 varints: start - previous end, end - start
 *            (one or two bytes a token instead of eight);
 *   terms    one entry per token, space-separated: '' when the lemma is the token's folded surface
 *            form (`termOf(text.slice(start, end))`), else the lemma, or `lemma|form` in the rare
 *            case the indexed form is not the folded slice of the text. Terms never hold spaces
 *            or `|` (termOf keeps letters and digits only).
 * The text itself is stored once, in `articles.text`; the surface forms are recomputed from it.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { TermRow } from './snippet.js';
import { termOf } from './terms.js';

export function encodeTerms(text: string, lemmas: string[], forms: string[], offs: number[]): { offsets: Buffer; terms: string } {
  const bytes: number[] = [];
  const put = (v: number) => {
    let z = v >= 0 ? v * 2 : -v * 2 - 1;
    while (z >= 0x80) {
      bytes.push((z & 0x7f) | 0x80);
      z = Math.floor(z / 128);
    }
    bytes.push(z);
  };
  let prev = 0;
  const entries: string[] = new Array(lemmas.length);
  for (let i = 0; i < lemmas.length; i++) {
    const s = offs[2 * i];
    const e = offs[2 * i + 1];
    put(s - prev);
    put(e - s);
    prev = e;
    const f = forms[i];
    const slice = text.slice(s, e);
    const derived = slice === f ? f : termOf(slice);
    const l = lemmas[i];
    entries[i] = f === derived ? (l === f ? '' : l) : `${l}|${f}`;
  }
  return { offsets: Buffer.from(bytes), terms: entries.join(' ') };
}

export function decodeTerms(text: string, offsets: Uint8Array | null, packed: string | Uint8Array | null, alts: string | null): TermRow {
  let terms = packed as string | null;
  if (packed instanceof Uint8Array) {
    // packTerms: entries, then the alternative lemmas after a line break
    const s = inflateRawSync(packed).toString('utf8');
    const nl = s.indexOf('\n');
    terms = nl < 0 ? s : s.slice(0, nl);
    alts = nl < 0 ? null : s.slice(nl + 1);
  }
  const entries = terms ? terms.split(' ') : [];
  const n = entries.length;
  const out = new Uint32Array(2 * n);
  let p = 0;
  const get = (): number => {
    let z = 0;
    let mul = 1;
    for (;;) {
      const b = offsets![p++];
      z += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
    return z % 2 ? -(z + 1) / 2 : z / 2;
  };
  const lemmas: string[] = new Array(n);
  const forms: string[] = new Array(n);
  let prev = 0;
  for (let i = 0; i < n && offsets && p < offsets.length; i++) {
    const s = prev + get();
    const e = s + get();
    prev = e;
    out[2 * i] = s;
    out[2 * i + 1] = e;
    const x = entries[i];
    const bar = x.indexOf('|');
    if (bar >= 0) {
      lemmas[i] = x.slice(0, bar);
      forms[i] = x.slice(bar + 1);
    } else {
      const slice = text.slice(s, e);
      forms[i] = /^[\p{Ll}\p{Nd}]+$/u.test(slice) && !slice.includes('ё') ? slice : termOf(slice);
      lemmas[i] = x || forms[i];
    }
  }
  return { lemmas, forms, offsets: out, alts: alts ? JSON.parse(alts) : undefined };
}

/** The content hash of a stored text: the same as `contentId` of the doc (sha256, 16 hex digits). */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/**
 * Schema step 2's data conversion (runs inside the step's transaction): the old full-copy FTS
 * content and Uint32 offsets become the compact `search_terms` rows and a contentless index, the
 * article JSON loses its copy of the text, and every article gets its content hash.
 */
export function convertToCompactSearch(db: Database.Database): void {
  const rows = db
    .prepare(
      `SELECT a.rowid AS rid, a.text, f.title, f.lemmas, f.forms, f.alts AS falts, s.offsets, s.alts
       FROM articles a JOIN article_fts f ON f.rowid = a.rowid LEFT JOIN search_offsets s ON s.article = a.rowid`,
    )
    .iterate() as IterableIterator<Record<string, any>>;
  const insTerms = db.prepare('INSERT INTO search_terms (article, offsets, terms, alts) VALUES (?, ?, ?, ?)');
  const insFts = db.prepare('INSERT INTO article_fts_v2 (rowid, title, lemmas, forms, alts) VALUES (?, ?, ?, ?, ?)');
  const pending: unknown[][] = [];
  const ftsPending: unknown[][] = [];
  for (const r of rows) {
    const buf: Buffer | null = r.offsets;
    const u32 = buf ? new Uint32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)) : new Uint32Array();
    const lemmas = r.lemmas ? String(r.lemmas).split(' ') : [];
    const forms = r.forms ? String(r.forms).split(' ') : [];
    const n = Math.min(lemmas.length, forms.length, u32.length >> 1);
    const enc = encodeTerms(r.text, lemmas.slice(0, n), forms.slice(0, n), Array.from(u32.subarray(0, 2 * n)));
    pending.push([r.rid, enc.offsets, enc.terms, r.alts ?? null]);
    ftsPending.push([r.rid, r.title, r.lemmas, r.forms, r.falts]);
  }
  for (const p of pending) insTerms.run(...p);
  for (const p of ftsPending) insFts.run(...p);
  const setHash = db.prepare('UPDATE articles SET content_hash = ? WHERE rowid = ?');
  for (const r of db.prepare('SELECT rowid AS rid, text FROM articles').all() as { rid: number; text: string }[]) setHash.run(textHash(r.text), r.rid);
  db.exec(`
    DROP TABLE search_offsets;
    DROP TABLE article_fts;
    ALTER TABLE article_fts_v2 RENAME TO article_fts;
    UPDATE articles SET json = json_set(json, '$.text', NULL);
  `);
}

/**
 * How the stored blobs (text, JSON, terms) are deflated: level 4 instead of 6 costs 0.27 instead of
 * 0.39-0.56 ms of CPU per article for the three, and ~1.8% more bytes (4,507 instead of 4,423 per
 * SlavicNER article). Any level reads back the same (inflateRaw).
 */
const DEFLATE = { level: 4 };

// The article JSON without its text, deflated (the JSON repeats key names in every span: it
// shrinks ~3x). Rows written before step 5 hold the JSON as text; both read back the same.
// The text of a span (a mention, a quote, a cue, a time...) that is exactly its slice of the
// article text is stored as 0 (a text in the contract is always a string) and put back on read:
// the text is kept once.
export function packJson(a: Record<string, unknown>): Buffer {
  const text = typeof a.text === 'string' ? a.text : '';
  const saved: { o: Record<string, unknown>; t: string }[] = [];
  try {
    for (const k in a) if (k !== 'text') stripSpanTexts(a[k], text, saved);
    return deflateRawSync(Buffer.from(JSON.stringify({ ...a, text: null })), DEFLATE);
  } finally {
    // the caller's object is left as it was
    for (const { o, t } of saved) o.text = t;
  }
}

function stripSpanTexts(v: unknown, text: string, saved: { o: Record<string, unknown>; t: string }[]): void {
  if (Array.isArray(v)) {
    for (const x of v) if (x !== null && typeof x === 'object') stripSpanTexts(x, text, saved);
    return;
  }
  if (v === null || typeof v !== 'object') return;
  const o = v as Record<string, unknown>;
  const t = o.text;
  if (typeof t === 'string' && typeof o.start === 'number' && typeof o.end === 'number' && o.end - o.start === t.length && text.startsWith(t, o.start)) {
    saved.push({ o, t });
    o.text = 0;
  }
  for (const k in o) {
    const x = o[k];
    if (x !== null && typeof x === 'object') stripSpanTexts(x, text, saved);
  }
}

function restoreSpanTexts(v: unknown, text: string): void {
  if (Array.isArray(v)) {
    for (const x of v) if (x !== null && typeof x === 'object') restoreSpanTexts(x, text);
    return;
  }
  if (v === null || typeof v !== 'object') return;
  const o = v as Record<string, unknown>;
  if (o.text === 0 && typeof o.start === 'number' && typeof o.end === 'number') o.text = text.slice(o.start, o.end);
  for (const k in o) {
    const x = o[k];
    if (x !== null && typeof x === 'object') restoreSpanTexts(x, text);
  }
}

/** The stored article: its JSON (deflated or plain) with the text put back in its place. */
export function unpackArticle<T extends { text: string }>(json: Buffer | string, text: string): T {
  const a = JSON.parse(typeof json === 'string' ? json : inflateRawSync(json).toString('utf8')) as T;
  a.text = text;
  for (const k in a) if (k !== 'text') restoreSpanTexts((a as Record<string, unknown>)[k], text);
  return a;
}

/**
 * Article text as stored from schema step 5 on: UTF-8, deflated (news text shrinks ~3x); rows
 * written earlier hold plain text. `textOf` reads both; in SQL, `ptext(a.text)` does the same.
 */
export function packText(text: string): Buffer {
  return deflateRawSync(Buffer.from(text, 'utf8'), DEFLATE);
}

export function textOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return inflateRawSync(v).toString('utf8');
  return String(v);
}

/** The token entries and the alternative lemmas of an article in one deflated blob. */
export function packTerms(terms: string, alts: string | null): Buffer {
  return deflateRawSync(Buffer.from(alts ? `${terms}\n${alts}` : terms, 'utf8'), DEFLATE);
}
