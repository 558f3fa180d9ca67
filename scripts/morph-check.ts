/**
 * Morphology on words a process meets for the first time: a correctness dump and a speed probe.
 *
 *   node dist/scripts/morph-check.js dump OUT.txt   every analysis (lemma, pos, features, source,
 *                                                   score, in order) of every distinct word of the
 *                                                   bench set (SlavicNER raw ru+uk, seeds), of the
 *                                                   SlavicNER gold mentions, of NEREL/factRuEval (ru)
 *                                                   and NER-UK (uk) texts, plus the morph stage's
 *                                                   lemma/pos/features/alts of every bench token
 *   node dist/scripts/morph-check.js speed [N]      a fresh process analyses every distinct bench
 *                                                   word once (the uncached path), N times with a
 *                                                   fresh service each time: CPU µs per word per round
 *   node dist/scripts/morph-check.js words OUT      those words (lang TAB word) in first-use order
 *   valgrind --tool=callgrind node dist/scripts/morph-check.js speed N OUT [LIMIT]
 *                                                   the same on the list's first LIMIT words; the
 *                                                   instruction count of N=1 minus N=0 is the
 *                                                   analysis alone, independent of machine load
 *
 * Compare two dumps (old build, new build) with `cmp`: the analyses must be identical. Under
 * `node --cpu-prof` the speed mode profiles the uncached analysis.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDoc } from '../src/doc/create.js';
import type { Doc, MorphAnalysis, RawArticle } from '../src/doc/model.js';
import { readInputs } from '../src/ingest/index.js';
import { createPipeline } from '../src/pipeline/index.js';
import { projectRoot } from '../src/pipeline/resources.js';
import { MorphologyService } from '../src/text/morph/index.js';
import { segmentText } from '../src/text/segment/index.js';

const SHARED = join(projectRoot, '..', 'shared');
const RAW = join(SHARED, 'data', 'slavicner', 'raw');

function walk(p: string, out: string[], ext: string): void {
  if (!existsSync(p)) return;
  for (const f of readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (f.isDirectory()) walk(join(p, f.name), out, ext);
    else if (f.name.endsWith(ext) && !/SOURCE|README/.test(f.name)) out.push(join(p, f.name));
  }
}

/** the bench's inputs: SlavicNER raw ru and uk, then the seeds */
function benchFiles(): string[] {
  const files: string[] = [];
  for (const topic of readdirSync(RAW).sort()) {
    for (const lang of ['ru', 'uk']) {
      const dir = join(RAW, topic, lang);
      if (existsSync(dir)) for (const f of readdirSync(dir).sort()) if (f.endsWith('.txt')) files.push(join(dir, f));
    }
  }
  const seeds = join(SHARED, 'seeds');
  if (existsSync(seeds)) for (const f of readdirSync(seeds).sort()) if (f.endsWith('.txt')) files.push(join(seeds, f));
  return files;
}

async function benchDocs(upTo: string): Promise<Doc[]> {
  const pipeline = await createPipeline({ upTo });
  const docs: Doc[] = [];
  const raws: RawArticle[] = [];
  for await (const item of readInputs(benchFiles())) if (item.ok) raws.push(item.article);
  for (const raw of raws) {
    const doc = createDoc(raw);
    for (const s of pipeline.stages) s.run(doc, pipeline.ctx);
    docs.push(doc);
  }
  return docs;
}

function fmt(a: MorphAnalysis): string {
  const tags = Object.keys(a.tags)
    .map((k) => `${k}=${a.tags[k]}`)
    .join('|');
  return `${a.lemma}/${a.pos}/${tags}/${a.source}/${a.score ?? ''}`;
}

function wordsOfText(text: string, lang: string, into: Set<string>): void {
  for (const t of segmentText(text, { lang }).tokens) if (t.kind === 'word') into.add(t.text);
}

async function dump(out: string): Promise<void> {
  const docs = await benchDocs('morph');
  const lines: string[] = [];
  const words: Record<string, Set<string>> = { ru: new Set(), uk: new Set() };
  for (const d of docs) {
    lines.push(`# ${d.source.path} ${d.lang}`);
    for (const t of d.layers.tokens ?? []) {
      if (t.kind !== 'word') continue;
      words[d.lang]?.add(t.text);
      lines.push(`${t.text}\t${t.lemma}\t${t.pos}\t${JSON.stringify(t.tags)}\t${(t.alts ?? []).map(fmt).join(' ')}`);
    }
  }
  // gold mention words of SlavicNER, and more ru / uk text
  for (const lang of ['ru', 'uk']) {
    const tsv: string[] = [];
    walk(join(SHARED, 'data', 'slavicner', 'ner'), tsv, '.tsv');
    for (const f of tsv) {
      if (!f.includes(`/${lang}/`)) continue;
      for (const l of readFileSync(f, 'utf8').split('\n')) {
        const c = l.split('\t');
        if (c.length > 3) wordsOfText(c[2], lang, words[lang]);
      }
    }
    const txt: string[] = [];
    if (lang === 'ru') for (const sub of ['nerel', 'factrueval2016']) walk(join(SHARED, 'data', sub), txt, '.txt');
    else walk(join(SHARED, 'data', 'ner-uk'), txt, '.txt');
    for (const f of txt) wordsOfText(readFileSync(f, 'utf8'), lang, words[lang]);
  }
  const morph = new MorphologyService();
  let n = 0;
  for (const lang of ['ru', 'uk']) {
    for (const w of [...words[lang]].sort()) {
      lines.push(`@${lang} ${w}\t${morph.analyze(w, lang).map(fmt).join(' ')}`);
      n++;
    }
  }
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${docs.length} docs, ${n} distinct words (ru ${words.ru.size}, uk ${words.uk.size}) -> ${out}`);
}

/** the distinct ru and uk words of the bench set in the order the articles first use them */
async function benchWords(): Promise<[string, string][]> {
  const docs = await benchDocs('tokens');
  const words: [string, string][] = [];
  const seen = new Set<string>();
  for (const d of docs) {
    for (const t of d.layers.tokens ?? []) {
      if (t.kind !== 'word' || (d.lang !== 'ru' && d.lang !== 'uk')) continue;
      const k = d.lang + ' ' + t.text;
      if (!seen.has(k)) {
        seen.add(k);
        words.push([d.lang, t.text]);
      }
    }
  }
  return words;
}

/**
 * `list`: a word list file (lang TAB word per line, as `words` writes it) instead of the bench
 * articles (no tokenising: for instruction counts under valgrind), first `limit` words of it
 */
async function speed(rounds: number, list?: string, limit?: number): Promise<void> {
  let words = list ? readFileSync(list, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string]) : await benchWords();
  if (limit) words = words.slice(0, limit);
  // resources loaded before timing (as a running process has them)
  // the analysers loaded untimed (a word of neither set); each round starts with an empty cache
  const morph = new MorphologyService();
  morph.analyze('ъъъъъъъъъъ', 'ru');
  morph.analyze('ъъъъъъъъъъ', 'uk');
  for (let r = 0; r < rounds; r++) {
    morph.clearCache();
    const parts: string[] = [];
    let total = 0;
    for (const lang of ['ru', 'uk']) {
      const list = words.filter((w) => w[0] === lang);
      const c0 = process.cpuUsage();
      for (const [, w] of list) morph.analyzeCached(w, lang);
      const c = process.cpuUsage(c0);
      const us = c.user + c.system;
      total += us;
      parts.push(`${lang} ${list.length} words ${(us / list.length).toFixed(2)} µs/word`);
    }
    console.log(`round ${r + 1}: ${parts.join(', ')}; all ${(total / words.length).toFixed(2)} CPU µs/word, ${Math.round(total / 1000)} ms`);
  }
}

const [mode, arg, list, limit] = process.argv.slice(2);
if (mode === 'dump' && arg) await dump(arg);
else if (mode === 'words' && arg) writeFileSync(arg, (await benchWords()).map((w) => w.join('\t')).join('\n') + '\n');
else if (mode === 'speed') await speed(Number(arg ?? 1), list, limit ? Number(limit) : undefined);
else {
  console.error('usage: morph-check.js dump OUT | words OUT | speed [ROUNDS [WORDLIST [LIMIT]]]');
  process.exit(2);
}
