/**
 * The texts of the real-news set `eval/news/` (see its README): third-party text, kept out of the
 * repository in `eval/news/texts/` (git-ignored). The repository keeps the index
 * (`eval/news/index.jsonl`: file, url, outlet, lang, story, date, the search phrase that finds the
 * page, a hash of the text) and the gold (`eval/news/gold/`).
 *
 *   npx tsx scripts/news-texts.ts add < ROWS.json     articles (an object or an array): index fields + "excerpt" (as the
 *                                                      search tool returned it); writes the text and
 *                                                      its index row (replacing a row of that file)
 *   npx tsx scripts/news-texts.ts import ANSWER.json…  re-collect: saved answers of the `search` tool
 *                                                      (corpus `pages`, one per index query); writes
 *                                                      every indexed text whose url an answer holds
 *   npx tsx scripts/news-texts.ts check [--quiet]      every indexed text present, unchanged (hash),
 *                                                      and every gold anchor (entity forms, quote,
 *                                                      time and event evidence strings) found in it
 *
 * A text file is the excerpt as stored, with a seed header (` date YYYY-MM-DD `) in front when the
 * index gives a full date the excerpt does not carry itself (`dateFrom` url/text/event, not `page`).
 * Exit status of `check`: 0 all present and anchored, 1 some missing or changed, 2 an anchor broken.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..').replace(/[\\/]dist$/, '');
export const NEWS_DIR = join(ROOT, 'eval', 'news');
export const TEXTS_DIR = join(NEWS_DIR, 'texts');
export const INDEX = join(NEWS_DIR, 'index.jsonl');
export const GOLD_DIR = join(NEWS_DIR, 'gold');

export interface IndexRow {
  file: string;
  url: string;
  outlet: string;
  lang: 'ru' | 'uk' | 'en';
  story: string;
  /** the article's date as far as known (YYYY-MM-DD or YYYY-MM), or null */
  date: string | null;
  /** where the date comes from: the stored page's own header, the url, the text, or the event's known date */
  dateFrom: 'page' | 'url' | 'text' | 'event' | null;
  half: 'dev' | 'measure';
  /** the search phrase (corpus `pages`) whose answer holds this page */
  query: string;
  sha256: string;
  chars: number;
}

export function readIndex(): IndexRow[] {
  if (!existsSync(INDEX)) return [];
  return readFileSync(INDEX, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as IndexRow);
}

function writeIndex(rows: IndexRow[]): void {
  rows.sort((a, b) => a.file.localeCompare(b.file));
  writeFileSync(INDEX, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

/** The text file's content for an excerpt: a seed header when the date is not the page's own. */
export function textFor(row: Pick<IndexRow, 'date' | 'dateFrom'>, excerpt: string): string {
  const body = excerpt.replace(/\s+$/, '');
  // a header only for a full date the page does not carry itself (a partial date from a url is no header)
  if (row.dateFrom === 'page' || !row.date || !/^\d{4}-\d{2}-\d{2}$/.test(row.date) || /^\s*date\s+\d{4}-\d{2}/.test(body)) return body + '\n';
  return ` date ${row.date} ${body.replace(/^\s+/, '')}\n`;
}

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The body as the seed reader hands it on (header removed), for anchor checks. */
export function bodyOf(content: string): string {
  const m = /^[ \t]*date[ \t]+\d{4}-\d{2}(?:-\d{2})?(?:[ \t]+|\r?\n|$)/.exec(content);
  return (m ? content.slice(m[0].length) : content).replace(/^[ \t]+/, '').replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\s+$/, '');
}

interface Gold {
  file: string;
  entities: { id: string; forms: Record<string, string> }[];
  quotes: { text?: string; from?: string; to?: string }[];
  times: { text: string }[];
  events: { evidence: string }[];
}

/** Gold anchors not found in the text, as `kind: "string"`. */
export function brokenAnchors(text: string, gold: Gold): string[] {
  const out: string[] = [];
  const has = (s: string) => text.includes(s);
  const word = (s: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'u').test(text);
  for (const e of gold.entities) for (const f of Object.keys(e.forms)) if (!word(f)) out.push(`entity ${e.id}: "${f}"`);
  for (const q of gold.quotes) {
    if (q.text != null && !has(q.text)) out.push(`quote: "${q.text}"`);
    if (q.from != null && !has(q.from)) out.push(`quote from: "${q.from}"`);
    if (q.to != null && !has(q.to)) out.push(`quote to: "${q.to}"`);
  }
  for (const t of gold.times) if (!has(t.text)) out.push(`time: "${t.text}"`);
  for (const ev of gold.events) if (!has(ev.evidence)) out.push(`event evidence: "${ev.evidence}"`);
  return out;
}

export interface CheckResult {
  missing: string[];
  changed: string[];
  broken: { file: string; anchors: string[] }[];
  noGold: string[];
  ok: number;
}

export function checkTexts(): CheckResult {
  const r: CheckResult = { missing: [], changed: [], broken: [], noGold: [], ok: 0 };
  for (const row of readIndex()) {
    const path = join(TEXTS_DIR, row.file);
    if (!existsSync(path)) {
      r.missing.push(row.file);
      continue;
    }
    const content = readFileSync(path, 'utf8');
    if (sha(content) !== row.sha256) r.changed.push(row.file);
    const gpath = join(GOLD_DIR, row.file.replace(/\.txt$/, '.json'));
    if (!existsSync(gpath)) {
      r.noGold.push(row.file);
      continue;
    }
    const bad = brokenAnchors(bodyOf(content), JSON.parse(readFileSync(gpath, 'utf8')) as Gold);
    if (bad.length) r.broken.push({ file: row.file, anchors: bad });
    else r.ok++;
  }
  return r;
}

type AddRow = Omit<IndexRow, 'sha256' | 'chars'> & { excerpt: string };

function add(): void {
  const all = JSON.parse(readFileSync(0, 'utf8')) as AddRow | AddRow[];
  for (const inp of Array.isArray(all) ? all : [all]) addOne(inp);
}

function addOne(inp: AddRow): void {
  for (const k of ['file', 'url', 'outlet', 'lang', 'story', 'half', 'query', 'excerpt'] as const) {
    if (!inp[k]) throw new Error(`add: field "${k}" is missing`);
  }
  const { excerpt, ...meta } = inp;
  const content = textFor(meta, excerpt);
  mkdirSync(TEXTS_DIR, { recursive: true });
  writeFileSync(join(TEXTS_DIR, meta.file), content);
  const rows = readIndex().filter((r) => r.file !== meta.file);
  rows.push({ ...meta, date: meta.date ?? null, dateFrom: meta.dateFrom ?? null, sha256: sha(content), chars: bodyOf(content).length });
  writeIndex(rows);
  console.log(`${meta.file}: ${bodyOf(content).length} chars`);
}

function importAnswers(files: string[]): void {
  const byUrl = new Map<string, string>();
  for (const f of files) {
    const a = JSON.parse(readFileSync(f, 'utf8')) as { results?: { url: string; excerpt: string }[] };
    for (const x of a.results ?? []) byUrl.set(x.url, x.excerpt);
  }
  mkdirSync(TEXTS_DIR, { recursive: true });
  let n = 0;
  for (const row of readIndex()) {
    const ex = byUrl.get(row.url);
    if (ex == null) continue;
    writeFileSync(join(TEXTS_DIR, row.file), textFor(row, ex));
    n++;
  }
  console.log(`wrote ${n} texts of ${readIndex().length} indexed into ${TEXTS_DIR}`);
}

function check(quiet: boolean): number {
  const r = checkTexts();
  const total = readIndex().length;
  console.log(`${total} indexed, ${r.ok} present with all gold anchors found, ${r.missing.length} missing, ${r.changed.length} changed (hash differs), ${r.broken.length} with broken anchors, ${r.noGold.length} without gold`);
  if (!quiet) {
    if (r.missing.length) console.log(`missing: ${r.missing.join(' ')}`);
    if (r.changed.length) console.log(`changed: ${r.changed.join(' ')}`);
    if (r.noGold.length) console.log(`no gold: ${r.noGold.join(' ')}`);
    for (const b of r.broken) console.log(`${b.file}:\n  ${b.anchors.join('\n  ')}`);
  }
  return r.broken.length ? 2 : r.missing.length || r.changed.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd === 'add') add();
  else if (cmd === 'import') importAnswers(rest);
  else if (cmd === 'check') process.exit(check(rest.includes('--quiet')));
  else {
    console.error('usage: news-texts.ts add < ROW.json | import ANSWER.json... | check [--quiet]');
    process.exit(64);
  }
}
