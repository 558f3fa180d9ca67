/**
 * The real-news set (`eval/news/`, see its README): real published articles found in the stored
 * public pages, gold per ../shared/eval/GUIDE.md. The texts are third-party text and stay out of the
 * repository (`eval/news/texts/`, git-ignored; the index says how to re-collect them). Full pipeline,
 * scored by ../shared/eval/score.py per half (dev / measure), per language and per story, and the
 * dev−measure gap of the main figures (a gap above 0.05 means the rules learned the articles; the halves
 * differ in difficulty already, so compare the gap with the baseline's in eval/news/README.md).
 * Columns: n articles, ev# gold events (required), events P/R/F1, status and when accuracy on matched
 * events, st# gold stances, stance recall/F1, quotes with speaker F1, quotes F1, times F1, time value
 * accuracy, NER relaxed F1, cross-document linking F1.
 *
 *   npm run eval -- news                  figures
 *   NEWS_DETAIL=1 npm run eval -- news    also every gold event and quote of the DEV half the system
 *                                         missed (never the measuring half's: that half is only measured)
 *   NEWS_OUT=FILE.jsonl                   keep the system output of the dev half's articles
 *   NEWS_HALF=dev                         analyse and score one half only (dev or measure)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toArticleJson } from '../src/contract/article.js';
import { readInputs } from '../src/ingest/index.js';
import { createPipeline, projectRoot } from '../src/pipeline/index.js';
import { checkTexts, readIndex, type IndexRow } from '../scripts/news-texts.js';

const SHARED = join(projectRoot, '..', 'shared');
const DIR = join(projectRoot, 'eval', 'news');
const TEXTS = join(DIR, 'texts');
const GOLD = join(DIR, 'gold');

interface Prf { p: number; r: number; f1: number; tp: number; fp: number; fn: number }
interface Report {
  ner_relaxed: Prf;
  xdoc_linking: Prf;
  quotes: Prf;
  quotes_with_speaker: Prf;
  times: Prf;
  time_value_acc: number | null;
  events: Prf;
  event_attr_acc: Record<'mode' | 'status' | 'level' | 'when' | 'src', number | null>;
  stances: Prf;
}

interface GoldEvent { type: string; actors: (string | string[])[]; status: string | string[]; evidence: string; optional?: boolean }
interface GoldQuote { speaker: string | string[] | null; text: string; optional?: boolean }

const f = (x: number | null | undefined) => (x == null ? '   - ' : x.toFixed(2).padStart(5));

function score(jsonl: string, files: string[]): Report {
  const dir = mkdtempSync(join(tmpdir(), 'parley-news-gold-'));
  for (const file of files) copyFileSync(join(GOLD, file.replace(/\.txt$/, '.json')), join(dir, file.replace(/\.txt$/, '.json')));
  const r = spawnSync('python3', [join(SHARED, 'eval', 'score.py'), jsonl, dir, '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scorer failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

const HEAD =
  '  ' + 'subset'.padEnd(44) + '   n ev#  ev.P  ev.R ev.F1 status  when st# st.R st.F1 q+spF1 q.F1 t.F1 t.val  ner  link';

function row(name: string, n: number, r: Report): string {
  const a = r.event_attr_acc;
  return (
    '  ' + name.padEnd(44) + String(n).padStart(4) + String(r.events.tp + r.events.fn).padStart(4) +
    [r.events.p, r.events.r, r.events.f1, a.status, a.when].map(f).join(' ') +
    String(r.stances.tp + r.stances.fn).padStart(4) +
    [r.stances.r, r.stances.f1, r.quotes_with_speaker.f1, r.quotes.f1, r.times.f1, r.time_value_acc, r.ner_relaxed.f1, r.xdoc_linking.f1]
      .map(f).join(' ')
  );
}

export default async function run(): Promise<void> {
  const index = readIndex();
  if (!index.length) {
    console.log(`  no index at ${join(DIR, 'index.jsonl')}`);
    return;
  }
  const check = checkTexts();
  const half = process.env.NEWS_HALF;
  if (half && half !== 'dev' && half !== 'measure') throw new Error(`NEWS_HALF must be dev or measure, not "${half}"`);
  const present = index
    .filter((r) => !half || r.half === half)
    .filter((r) => existsSync(join(TEXTS, r.file)) && existsSync(join(GOLD, r.file.replace(/\.txt$/, '.json'))));
  if (!present.length) {
    console.log(
      `  The article texts of eval/news/ are missing (${index.length} indexed, none in ${TEXTS}).\n` +
        '  They are third-party text and are not in the repository. To collect them: for every query in\n' +
        '  eval/news/index.jsonl, run the `search` tool (corpus `pages`) with that query, save each answer as\n' +
        '  JSON, then `npx tsx scripts/news-texts.ts import ANSWER.json...` and `npx tsx scripts/news-texts.ts check`\n' +
        '  (see eval/news/README.md). Nothing scored.',
    );
    return;
  }
  if (check.missing.length || check.changed.length || check.broken.length) {
    console.log(
      `  texts: ${present.length} of ${index.length} present; missing ${check.missing.length}, changed ${check.changed.length}, ` +
        `broken gold anchors ${check.broken.length} (npx tsx scripts/news-texts.ts check). Scoring the present ones.`,
    );
  }
  const pipe = await createPipeline();
  const out = new Map<string, ReturnType<typeof toArticleJson>>();
  const lines: string[] = [];
  for await (const item of readInputs(present.map((r) => join(TEXTS, r.file)))) {
    if (!item.ok) throw new Error(`${item.input}: ${item.error}`);
    const a = toArticleJson(pipe.analyze(item.article));
    out.set(item.input.split('/').pop()!, a);
    lines.push(JSON.stringify(a));
  }
  const jsonl = join(mkdtempSync(join(tmpdir(), 'parley-news-')), 'news.jsonl');
  writeFileSync(jsonl, lines.join('\n') + '\n');
  // the kept output holds the dev half only: the measuring half is not to be looked at
  const devFiles = new Set(present.filter((r) => r.half === 'dev').map((r) => r.file));
  if (process.env.NEWS_OUT) {
    writeFileSync(process.env.NEWS_OUT, [...out].filter(([f]) => devFiles.has(f)).map(([, a]) => JSON.stringify(a)).join('\n') + '\n');
  }

  const groups: [string, IndexRow[]][] = [];
  const by = (key: (r: IndexRow) => string, label: (k: string) => string) => {
    const m = new Map<string, IndexRow[]>();
    for (const r of present) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    for (const k of [...m.keys()].sort()) groups.push([label(k), m.get(k)!]);
  };
  by((r) => r.half, (k) => `half ${k}`);
  by((r) => `${r.half} ${r.lang}`, (k) => `  ${k}`);
  by((r) => r.lang, (k) => `lang ${k}`);
  by((r) => `${r.half} ${r.story}`, (k) => `story ${k}`);
  groups.push(['all', present]);

  console.log(`  ${present.length} articles (${new Set(present.map((r) => r.story)).size} stories, ${new Set(present.map((r) => r.outlet)).size} outlets)`);
  console.log(HEAD);
  const reports = new Map<string, Report>();
  for (const [name, rows] of groups) {
    const rep = score(jsonl, rows.map((r) => r.file));
    reports.set(name, rep);
    console.log(row(name, rows.length, rep));
  }
  const dev = reports.get('half dev');
  const meas = reports.get('half measure');
  if (dev && meas) {
    const pairs: [string, number | null, number | null][] = [
      ['events F1', dev.events.f1, meas.events.f1],
      ['status', dev.event_attr_acc.status, meas.event_attr_acc.status],
      ['when', dev.event_attr_acc.when, meas.event_attr_acc.when],
      ['stance recall', dev.stances.r, meas.stances.r],
      ['quotes+speaker F1', dev.quotes_with_speaker.f1, meas.quotes_with_speaker.f1],
      ['times F1', dev.times.f1, meas.times.f1],
    ];
    console.log('  gap dev−measure: ' + pairs.map(([n, a, b]) => {
      const g = a != null && b != null ? a - b : null;
      return `${n} ${g == null ? '-' : (g >= 0 ? '+' : '') + g.toFixed(2)}${g != null && g > 0.05 ? ' (!)' : ''}`;
    }).join(', '));
  }

  if (process.env.NEWS_DETAIL) {
    for (const r of present.filter((x) => x.half === 'dev')) {
      const a = out.get(r.file) as unknown as { text: string; events: { type: string; start: number; end: number }[]; quotes: { start: number; end: number }[] } | undefined;
      if (!a) continue;
      const gold = JSON.parse(readFileSync(join(GOLD, r.file.replace(/\.txt$/, '.json')), 'utf8')) as { events: GoldEvent[]; quotes: GoldQuote[] };
      for (const g of gold.events) {
        if (g.optional) continue;
        const at = a.text.indexOf(g.evidence);
        const hit = a.events.some((e) => e.type === g.type && at >= 0 && e.start < at + g.evidence.length && at < e.end);
        if (!hit) console.log(`  missed event ${r.file}: ${g.type} ${JSON.stringify(g.actors)} ${JSON.stringify(g.status)} «${g.evidence}»`);
      }
      for (const q of gold.quotes) {
        if (q.optional) continue;
        const at = a.text.indexOf(q.text);
        const hit = at >= 0 && a.quotes.some((s) => s.start < at + q.text.length && at < s.end);
        if (!hit) console.log(`  missed quote ${r.file}: ${JSON.stringify(q.speaker)} «${q.text.slice(0, 80)}»`);
      }
    }
  }
  if (process.env.NEWS_OUT) console.log(`  system output of the dev half: ${process.env.NEWS_OUT}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(tmpdir(), { recursive: true });
  await run();
}
