/**
 * Ingest: files, directories (recursive), globs and `-` (stdin) -> RawArticles, one `IngestItem`
 * per article or per rejected input. Formats are detected from the content (the extension is only
 * a hint): the seed format (` date YYYY-MM-DD body`), plain text in UTF-8 / cp1251 / KOI8, JSON
 * Lines (streamed line by line), JSON arrays, HTML pages, RSS and Atom feeds.
 *
 * Untrusted input never throws out of here: an empty, binary, oversized, undecodable or malformed
 * input gives one `ok: false` item naming the input (and the line, for JSON Lines), and the rest of
 * the batch goes on.
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { extname, isAbsolute, join } from 'node:path';
import type { RawArticle, Source } from '../doc/model.js';
import { normalizeDate } from './dates.js';
import { binaryReason, declaredCharset, decodeBytes, sniffUtf16 } from './decode.js';
import { finish, printable } from './clean.js';
export { printable } from './clean.js';
import { looksLikeFeed, parseFeed } from './feed.js';
export { firstContentLine, furnitureSpans, isCaptionLine, isNavigationLine } from './furniture.js';
import { extractHtml, htmlFragmentToText } from './html.js';
import { detectOutlet, findOutlet, outletFromUrl, outletName } from './outlet.js';

export { detectOutlet, findOutlet, knownOutlets, outletFromUrl, outletName, type OutletInfo } from './outlet.js';
export { decodeBytes } from './decode.js';
export { normalizeDate } from './dates.js';

export type IngestItem =
  | { ok: true; input: string; article: RawArticle; /** read, but with a caveat (bytes replaced, text cut) */ warnings?: string[] } // input = path (or '-') it came from
  | { ok: false; input: string; line?: number; error: string }; // one clear message naming the problem

export interface ReadOptions {
  /** per single-article file (and per JSON line), default 10 MiB */
  maxBytes?: number;
  stdin?: NodeJS.ReadableStream;
  /** characters of one article's text that are analysed (and stored); a longer text is cut, with a warning */
  maxChars?: number;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The work per article is bounded by its length: past this many characters (~15,000 words, far
 * beyond a news article) a text is cut at a paragraph or sentence end and the reader says so.
 */
export const DEFAULT_MAX_CHARS = 100_000;

/** JSON nested deeper than this is refused before it is parsed (no article needs more than a few levels). */
export const MAX_JSON_DEPTH = 64;

/** Extensions a directory walk picks up (files named explicitly are read whatever their name). */
const READABLE_EXT = new Set([
  '.txt', '.text', '.jsonl', '.ndjson', '.json', '.html', '.htm', '.xhtml', '.xml', '.rss', '.atom', '',
]);

const JSON_EXT = new Set(['.jsonl', '.ndjson', '.json', '.jsonlines']);

type Format = 'seed' | 'text' | 'jsonl' | 'json' | 'html' | 'feed';

const SEED_HEADER = /^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|\r?\n|$)/;

function fail(input: string, error: string, line?: number): IngestItem {
  input = printable(input);
  const where = line != null ? `${input}:${line}` : input;
  return line != null ? { ok: false, input, line, error: `${where}: ${error}` } : { ok: false, input, error: `${where}: ${error}` };
}

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

function stripBom(buf: Uint8Array): Uint8Array {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
}

/** First non-whitespace byte after a BOM, or -1. */
function firstByte(buf: Uint8Array): number {
  const b = stripBom(buf);
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c;
  }
  return -1;
}

/** Format from the first bytes of an input (and its extension as a hint). */
function sniff(head: Uint8Array, name: string): Format {
  const c = firstByte(head);
  const ext = extname(name).toLowerCase();
  if (c === 0x7b /* { */) return 'jsonl';
  if (c === 0x5b /* [ */ && (ext === '.json' || ext === '.jsonl' || ext === '')) return 'json';
  const s = Buffer.from(stripBom(head).subarray(0, 8192)).toString('latin1');
  if (c === 0x3c /* < */) {
    if (looksLikeFeed(s)) return 'feed';
    if (/<(!doctype\s+html|html|head|body|article|main|div|p|h[1-6]|section|meta)[\s>/]/i.test(s)) return 'html';
    if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  }
  if (SEED_HEADER.test(s)) return 'seed';
  if ((ext === '.html' || ext === '.htm') && /<(p|div|article|body)[\s>]/i.test(s)) return 'html';
  return 'text';
}

function cleanLang(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = /^\s*([a-zA-Z]{2,3})(?:[-_]|$|\s)/.exec(v);
  return m ? m[1].toLowerCase() : null;
}

function httpUrl(v: unknown): string | null {
  if (typeof v !== 'string' || !v.trim()) return null;
  try {
    const u = new URL(v.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Body text as readers hand it on: no trailing whitespace, no leading blank lines. */
function body(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\s+$/, '');
}

function article(input: string, source: Source, fields: Omit<RawArticle, 'source'>): IngestItem {
  return { ok: true, input, article: { ...fields, source: { path: input, ...source } } };
}

// ---------------------------------------------------------------------------------------------
// single-article formats

function readSeed(text: string, input: string): IngestItem {
  const t = text.replace(/^\uFEFF/, '');
  const m = SEED_HEADER.exec(t);
  if (!m) return fail(input, 'not in the seed format');
  const published = normalizeDate(m[1]);
  if (!published) return fail(input, `invalid date in the seed header: ${m[1]}`);
  const b = body(t.slice(m[0].length).replace(/^[ \t]+/, ''));
  if (!b) return fail(input, 'seed header with no article text');
  return article(input, { format: 'seed', outlet: detectOutlet(b) }, { published, title: null, text: b });
}

function readText(text: string, input: string): IngestItem {
  const b = body(text);
  if (!b.trim()) return fail(input, 'empty file (only whitespace)');
  return article(input, { format: 'text', outlet: detectOutlet(b) }, { published: null, title: null, text: b });
}

function readHtml(html: string, input: string): IngestItem {
  let a;
  try {
    a = extractHtml(html);
  } catch (e) {
    return fail(input, `unreadable HTML (${(e as Error).message})`);
  }
  if (!a) return fail(input, 'HTML page with no article text');
  const known = outletFromUrl(a.url) ?? (a.siteName ? findOutlet(a.siteName) : null);
  const outlet = known ? outletName(known, a.text) : detectOutlet(a.text) ?? a.siteName;
  return article(
    input,
    { format: 'html', url: a.url ?? undefined, outlet },
    { published: a.published, title: a.title, text: body(a.text), lang: a.lang },
  );
}

function readFeed(xml: string, input: string): IngestItem[] {
  let feed;
  try {
    feed = parseFeed(xml);
  } catch (e) {
    return [fail(input, (e as Error).message)];
  }
  if (!feed.items.length) return [fail(input, `${feed.kind === 'atom' ? 'Atom' : 'RSS'} feed with no items`)];
  const feedOutlet = (feed.title ? findOutlet(feed.title) : null) ?? outletFromUrl(feed.url);
  const over: IngestItem[] = feed.dropped
    ? [fail(input, `feed of ${(feed.items.length + feed.dropped).toLocaleString('en-US')} items: only the first ${feed.items.length.toLocaleString('en-US')} are read (the limit per feed)`)]
    : [];
  return over.concat(feed.items.map((it) => {
    const text = body(it.text);
    if (!text.trim()) return fail(input, `item ${it.index} (${it.title ?? 'untitled'}) has no text`);
    let outlet = detectOutlet(text, it.url);
    if (!outlet && feedOutlet) outlet = outletName(feedOutlet, text);
    return article(
      input,
      { format: feed.kind, url: it.url ?? undefined, outlet, item: it.index },
      { id: it.id ?? undefined, published: it.published, title: it.title, text, lang: cleanLang(it.lang) },
    );
  }));
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

/** How deep arrays and objects nest in a JSON text (strings skipped), stopping past the limit. */
function jsonDepth(s: string): number {
  let depth = 0;
  let max = 0;
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inStr) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inStr = false;
      continue;
    }
    if (c === 0x22) inStr = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        if (max > MAX_JSON_DEPTH) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** One JSON object (a JSON line or an element of a JSON array) -> article or rejection. */
function jsonRecord(o: unknown, input: string, line: number, format: 'jsonl' | 'json'): IngestItem {
  const what = format === 'jsonl' ? '' : `item ${line}: `;
  const lineNo = format === 'jsonl' ? line : undefined;
  if (!o || typeof o !== 'object' || Array.isArray(o)) return fail(input, `${what}not a JSON object`, lineNo);
  const r = o as Record<string, unknown>;
  for (const k of ['text', 'body', 'html', 'title', 'url', 'link', 'outlet', 'lang', 'language'] as const) {
    const v = r[k];
    if (v !== undefined && v !== null && typeof v !== 'string')
      return fail(input, `${what}"${k}" has the wrong type (${Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`}, not a string)`, lineNo);
  }
  if (r.id !== undefined && r.id !== null && typeof r.id !== 'string' && typeof r.id !== 'number')
    return fail(input, `${what}"id" has the wrong type (${Array.isArray(r.id) ? 'an array' : typeof r.id}, not a string)`, lineNo);
  let text = typeof r.text === 'string' ? r.text : typeof r.body === 'string' ? r.body : '';
  const html = typeof r.html === 'string' ? r.html : '';
  let title = typeof r.title === 'string' && r.title.trim() ? r.title.replace(/\s+/g, ' ').trim() : null;
  let url = httpUrl(r.url ?? r.link);
  let published = normalizeDate(r.published ?? r.date ?? r.published_at ?? r.pubDate ?? r.datePublished);
  let siteName: string | null = null;
  if (!text.trim() && html.trim()) {
    try {
      if (/<(html|body|head|article|main)[\s>]/i.test(html)) {
        const a = extractHtml(html);
        if (!a) return fail(input, `${what}"html" holds no article text`, lineNo);
        text = a.text;
        title ??= a.title;
        url ??= a.url;
        published ??= a.published;
        siteName = a.siteName;
      } else {
        text = htmlFragmentToText(html);
      }
    } catch (e) {
      return fail(input, `${what}unreadable "html" (${(e as Error).message})`, lineNo);
    }
  }
  text = body(text);
  if (!text.trim()) {
    const has = 'text' in r || 'html' in r || 'body' in r;
    return fail(input, `${what}${has ? 'empty "text"/"html"' : 'no "text" or "html" field'}`, lineNo);
  }
  const id = typeof r.id === 'string' && r.id.trim() ? r.id.trim() : typeof r.id === 'number' ? String(r.id) : undefined;
  const given = typeof r.outlet === 'string' && r.outlet.trim() ? r.outlet.trim() : null;
  const site = siteName ? findOutlet(siteName) : null;
  const outlet = given ?? detectOutlet(text, url) ?? (site ? outletName(site, text) : siteName);
  return article(
    input,
    { format, url: url ?? undefined, outlet, item: line },
    { id, published, title, text, lang: cleanLang(r.lang ?? r.language) },
  );
}

function jsonLine(bytes: Uint8Array, input: string, line: number): IngestItem | null {
  const dec = decodeBytes(bytes);
  if (!dec.ok) return fail(input, dec.error, line);
  const s = dec.text.replace(/^\uFEFF/, '').trim();
  if (!s) return null;
  const depth = jsonDepth(s);
  if (depth > MAX_JSON_DEPTH) return fail(input, `JSON nested more than ${MAX_JSON_DEPTH} levels deep`, line);
  let o: unknown;
  try {
    o = JSON.parse(s);
  } catch (e) {
    return fail(input, `invalid JSON (${(e as Error).message})`, line);
  }
  return jsonRecord(o, input, line, 'jsonl');
}

/**
 * Split a byte stream into lines (without holding more than one line), calling back per line;
 * a line longer than `limit` is skipped up to its end and reported as too long.
 */
async function* streamLines(
  chunks: AsyncIterable<Buffer | string>,
  limit: number,
): AsyncGenerator<{ line: number; bytes: Uint8Array | null; size: number }> {
  let parts: Buffer[] = [];
  let size = 0;
  let over = false;
  let line = 1;
  for await (const raw of chunks) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    for (;;) {
      const nl = chunk.indexOf(0x0a);
      const piece = nl < 0 ? chunk : chunk.subarray(0, nl);
      if (!over) {
        if (size + piece.length > limit) {
          over = true;
          parts = [];
        } else parts.push(piece);
      }
      size += piece.length;
      if (nl < 0) break;
      yield { line, bytes: over ? null : Buffer.concat(parts), size };
      line++;
      parts = [];
      size = 0;
      over = false;
      chunk = chunk.subarray(nl + 1);
    }
  }
  if (size > 0 || parts.length) yield { line, bytes: over ? null : Buffer.concat(parts), size };
}

async function* readJsonl(chunks: AsyncIterable<Buffer | string>, input: string, limit: number): AsyncGenerator<IngestItem> {
  let any = false;
  for await (const { line, bytes, size } of streamLines(chunks, limit)) {
    if (!bytes) {
      any = true;
      yield fail(input, `line too long (${mib(size)} > ${mib(limit)} limit)`, line);
      continue;
    }
    const item = jsonLine(bytes, input, line);
    if (item) {
      any = true;
      yield item;
    }
  }
  if (!any) yield fail(input, 'empty file (no JSON lines)');
}

function readJsonArray(text: string, input: string): IngestItem[] {
  if (jsonDepth(text) > MAX_JSON_DEPTH) return [fail(input, `JSON nested more than ${MAX_JSON_DEPTH} levels deep`)];
  let v: unknown;
  try {
    v = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return [fail(input, `invalid JSON (${(e as Error).message})`)];
  }
  const list = Array.isArray(v) ? v : [v];
  if (!list.length) return [fail(input, 'empty JSON array')];
  return list.map((o, i) => jsonRecord(o, input, i + 1, 'json'));
}

// ---------------------------------------------------------------------------------------------
// whole buffers

/** One in-memory input (an HTTP upload): its articles, cleaned and bounded like files are. */
export function readBuffer(buf: Buffer, name: string, opts: ReadOptions = {}): IngestItem[] {
  return readBufferRaw(buf, name, opts).map((it) => finish(it, opts.maxChars ?? DEFAULT_MAX_CHARS));
}

function readBufferRaw(buf: Buffer, name: string, opts: ReadOptions = {}): IngestItem[] {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!buf.length) return [fail(name, 'empty file')];
  const format = sniff(buf.subarray(0, 65536), name);
  if (format === 'jsonl') {
    const items: IngestItem[] = [];
    let start = 0;
    let line = 1;
    let firstTried = false;
    while (start <= buf.length) {
      let nl = buf.indexOf(0x0a, start);
      if (nl < 0) nl = buf.length;
      const size = nl - start;
      if (size > max) items.push(fail(name, `line too long (${mib(size)} > ${mib(max)} limit)`, line));
      else {
        const it = jsonLine(buf.subarray(start, nl), name, line);
        if (it && !firstTried) {
          firstTried = true;
          if (!it.ok && /invalid JSON/.test(it.error) && buf.length <= max) {
            // not JSON Lines after all: one pretty-printed JSON object?
            const dec = decodeBytes(buf);
            if (dec.ok) {
              try {
                JSON.parse(dec.text.replace(/^\uFEFF/, ''));
                return readJsonArray(dec.text, name);
              } catch {
                /* JSON Lines with a bad first line, or a text that starts with `{` */
              }
              const ext = extname(name).toLowerCase();
              if (!JSON_EXT.has(ext) && name !== '-') return [readText(dec.text, name)];
            }
          }
        }
        if (it) items.push(it);
      }
      start = nl + 1;
      line++;
    }
    return items.length ? items : [fail(name, 'empty file (no JSON lines)')];
  }
  if (buf.length > max) return [fail(name, `file too large (${mib(buf.length)} > ${mib(max)} limit)`)];
  const declared = format === 'html' || format === 'feed' ? declaredCharset(buf) : null;
  const dec = decodeBytes(buf, declared);
  if (!dec.ok) return [fail(name, dec.error)];
  if (!dec.text.trim()) return [fail(name, 'empty file (only whitespace)')];
  const items = ((): IngestItem[] => {
    switch (format) {
      case 'seed':
        return [readSeed(dec.text, name)];
      case 'json':
        return readJsonArray(dec.text, name);
      case 'html':
        return [readHtml(dec.text, name)];
      case 'feed':
        return readFeed(dec.text, name);
      default:
        return [readText(dec.text, name)];
    }
  })();
  return dec.warning ? items.map((it) => (it.ok ? { ...it, warnings: [...(it.warnings ?? []), dec.warning!] } : it)) : items;
}

// ---------------------------------------------------------------------------------------------
// files, directories, globs, stdin

function readHead(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const bytesRead = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    closeSync(fd);
  }
}

function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/**
 * One file. Files up to `max` bytes are read whole (synchronously: a batch reads one file after
 * another, and a thread-pool hop per small file costs more than the read); a bigger file is
 * streamed when it is JSON Lines and refused otherwise, without reading it.
 */
async function* readFile(path: string, st: Stats, max: number): AsyncGenerator<IngestItem> {
  if (!st.isFile()) {
    const kind = st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a file';
    yield fail(path, `not a regular file (${kind}): not read`);
    return;
  }
  if (st.size === 0) {
    yield fail(path, 'empty file');
    return;
  }
  if (st.size <= max) {
    let buf: Buffer;
    try {
      buf = readFileSync(path);
    } catch (e) {
      yield fail(path, `cannot read (${errCode(e)})`);
      return;
    }
    yield* readBufferRaw(buf, path, { maxBytes: max });
    return;
  }
  let head: Buffer;
  try {
    head = readHead(path, 65536);
  } catch (e) {
    yield fail(path, `cannot read (${errCode(e)})`);
    return;
  }
  if (sniff(head, path) !== 'jsonl') {
    yield fail(path, `file too large (${mib(st.size)} > ${mib(max)} limit)`);
    return;
  }
  // big JSON Lines files are streamed line by line, never read whole
  try {
    yield* readJsonl(createReadStream(path, { highWaterMark: 1 << 20 }), path, max);
  } catch (e) {
    yield fail(path, `read error (${errCode(e)})`);
  }
}

/** A symbolic link to a regular file (links to directories are not followed: no cycles). */
function isFileTarget(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Readable files under a directory, recursively, in name order (hidden entries skipped). */
async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if ((e.isFile() || (e.isSymbolicLink() && isFileTarget(p))) && READABLE_EXT.has(extname(e.name).toLowerCase())) out.push(p);
    else if ((e.isFIFO() || e.isSocket() || e.isCharacterDevice() || e.isBlockDevice()) && READABLE_EXT.has(extname(e.name).toLowerCase())) out.push(p); // reported by the caller
  }
  return out;
}

async function* readStdin(stream: NodeJS.ReadableStream, max: number): AsyncGenerator<IngestItem> {
  const input = '-';
  const it = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const prefix: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < 65536) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = typeof r.value === 'string' ? Buffer.from(r.value, 'utf8') : r.value;
    prefix.push(b);
    size += b.length;
  }
  const head = Buffer.concat(prefix);
  if (!head.length) {
    yield fail(input, 'empty input');
    return;
  }
  // binary data (a NUL byte, /dev/zero) is refused from its first 64 KiB, without reading on
  const bin = sniffUtf16(head) ? null : binaryReason(head);
  if (bin) {
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    yield fail(input, bin);
    return;
  }
  const format = sniff(head, input);
  const rest: AsyncIterable<Buffer | string> = {
    [Symbol.asyncIterator]: () => ({
      next: () => (done ? Promise.resolve({ done: true as const, value: undefined }) : it.next()),
    }),
  };
  if (format === 'jsonl') {
    const all = (async function* () {
      yield head;
      yield* rest;
    })();
    yield* readJsonl(all, input, max);
    return;
  }
  const parts: Buffer[] = [head];
  let total = head.length;
  let over = total > max;
  if (!over)
    for await (const c of rest) {
      const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
      total += b.length;
      if (total > max) {
        over = true; // stop reading: an endless stream must not keep the command running
        break;
      }
      parts.push(b);
    }
  if (over) {
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    yield fail(input, `input too large (more than the ${mib(max)} limit)`);
    return;
  }
  yield* readBufferRaw(Buffer.concat(parts), input, { maxBytes: max });
}

/**
 * files, directories (recursive), globs and '-' (stdin); format detected automatically. Every
 * article's fields are cleaned of control characters and markup, and its text bounded (finish).
 */
export async function* readInputs(specs: string[], opts: ReadOptions = {}): AsyncGenerator<IngestItem> {
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  for await (const it of readInputsRaw(specs, opts)) yield finish(it, maxChars);
}

async function* readInputsRaw(specs: string[], opts: ReadOptions = {}): AsyncGenerator<IngestItem> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  for (const spec of specs) {
    if (spec === '-') {
      try {
        yield* readStdin(opts.stdin ?? process.stdin, max);
      } catch (e) {
        yield fail('-', `cannot read standard input (${(e as Error).message})`);
      }
      continue;
    }
    let st: Stats | null = null;
    try {
      st = statSync(spec);
    } catch {
      st = null;
    }
    if (st?.isFile()) {
      yield* readFile(spec, st, max);
      continue;
    }
    if (st?.isDirectory()) {
      const files = await walk(spec);
      let produced = false;
      for (const f of files) {
        let fst: Stats;
        try {
          fst = statSync(f);
        } catch {
          continue;
        }
        produced = true;
        yield* readFile(f, fst, max);
      }
      if (!produced) {
        yield fail(spec, 'directory with nothing readable (no .txt, .jsonl, .json, .html, .xml, .rss or .atom files)');
      }
      continue;
    }
    if (st) {
      const kind = st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'something else';
      yield fail(spec, `not a regular file or directory (${kind}): not read`);
      continue;
    }
    // the glob library is loaded only for a spec that names no file (a command reading files never loads it)
    const { glob, isDynamicPattern } = await import('tinyglobby');
    if (isDynamicPattern(spec)) {
      let files: string[] = [];
      try {
        files = (await glob(spec, { onlyFiles: true, dot: false, expandDirectories: false, absolute: isAbsolute(spec) })).sort();
      } catch (e) {
        yield fail(spec, `bad glob pattern (${(e as Error).message})`);
        continue;
      }
      if (!files.length) {
        yield fail(spec, 'no files match this pattern');
        continue;
      }
      for (const f of files) {
        let fst: Stats;
        try {
          fst = statSync(f);
        } catch {
          yield fail(f, 'no such file');
          continue;
        }
        yield* readFile(f, fst, max);
      }
      continue;
    }
    yield fail(spec, 'no such file or directory');
  }
}
