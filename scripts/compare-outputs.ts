/**
 * Output identity between two builds, for speed work: a change that makes the pipeline faster must
 * not change what it finds.
 *
 *   npx tsx scripts/compare-outputs.ts dump MAIN_JS OUT.jsonl [--jobs N]
 *       runs `node MAIN_JS analyze <bench set> --json --tokens` (the CLI of one build: dist/src/cli/main.js,
 *       or a copy built elsewhere with `tsc --outDir tmp/x`) and keeps, per article, the layers speed work
 *       touches: sentences, tokens (text, lemma, pos, tags), entities with their mentions, times
 *       (and, with --all, quotes, events, attributions).
 *   npx tsx scripts/compare-outputs.ts diff A.jsonl B.jsonl
 *       compares two dumps layer by layer; exit 1 and the first differences when they differ.
 *   npx tsx scripts/compare-outputs.ts check BASE.jsonl MAIN_JS [--jobs N]
 *       dump + diff against a saved dump.
 *
 * The bench set is the bench's (every ru/uk text of ../shared/data/slavicner/raw and the seeds), plus
 * samples/ and eval/stories/ (English articles too), each read by the real ingest readers.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchFiles } from '../bench/inputs.js';
import { projectRoot } from '../src/pipeline/resources.js';



const LAYERS = ['sentences', 'tokens', 'entities', 'times'];
const ALL = [...LAYERS, 'quotes', 'events', 'attributions'];

function dump(main: string, out: string, jobs: string | undefined, all: boolean): void {
  const args = [main, 'analyze', ...benchFiles(), '--json', '--tokens'];
  if (jobs) args.push('--jobs', jobs);
  const r = spawnSync(process.execPath, args, { cwd: projectRoot, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`analyze failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  const keep = all ? ALL : LAYERS;
  const lines: string[] = [];
  for (const l of r.stdout.split('\n')) {
    if (!l.trim()) continue;
    const a = JSON.parse(l) as Record<string, unknown>;
    const o: Record<string, unknown> = { id: a.id, lang: a.lang, source: a.source };
    for (const k of keep) o[k] = a[k] ?? null;
    lines.push(JSON.stringify(o));
  }
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${lines.length} articles -> ${out}`);
}

function read(path: string): Map<string, Record<string, unknown>> {
  const m = new Map<string, Record<string, unknown>>();
  for (const l of readFileSync(path, 'utf8').split('\n')) {
    if (!l.trim()) continue;
    const a = JSON.parse(l) as Record<string, unknown>;
    // keyed by where the article came from (its id is a hash of its text: a reader's change moves it)
    let key = JSON.stringify(a.source);
    while (m.has(key)) key += '+';
    m.set(key, a);
  }
  return m;
}

function diff(pa: string, pb: string): boolean {
  const a = read(pa);
  const b = read(pb);
  let same = true;
  if (a.size !== b.size) {
    console.log(`articles: ${a.size} vs ${b.size}`);
    same = false;
  }
  const counts: Record<string, number> = {};
  const textChanged: string[] = [];
  const shown: string[] = [];
  for (const [key, x] of a) {
    const y = b.get(key);
    if (!y) {
      counts.missing = (counts.missing ?? 0) + 1;
      same = false;
      continue;
    }
    if (x.id !== y.id) {
      // the article id is a hash of its text: the readers gave another text (an ingest change), so
      // offsets differ everywhere; such an article says nothing about the layers compared here
      textChanged.push(`${String(x.source && JSON.stringify(x.source))}: ${String(x.id)} -> ${String(y.id)}`);
      continue;
    }
    for (const k of Object.keys(x)) {
      // layers both dumps hold (a dump without --all has no quotes, events, attributions)
      if (k === 'source' || !(k in y)) continue;
      const sx = JSON.stringify(x[k]);
      const sy = JSON.stringify(y[k]);
      if (sx === sy) continue;
      same = false;
      counts[k] = (counts[k] ?? 0) + 1;
      if (shown.length < 8) {
        const xs = (Array.isArray(x[k]) ? x[k] : [x[k]]) as unknown[];
        const ys = (Array.isArray(y[k]) ? y[k] : [y[k]]) as unknown[];
        let i = 0;
        while (i < Math.max(xs.length, ys.length) && JSON.stringify(xs[i]) === JSON.stringify(ys[i])) i++;
        shown.push(`${String(x.id)} ${k}[${i}]:\n  A ${JSON.stringify(xs[i])?.slice(0, 400)}\n  B ${JSON.stringify(ys[i])?.slice(0, 400)}`);
      }
    }
  }
  const first = [...b.values()][0] ?? {};
  const layers = [...new Set([...a.values()].flatMap((x) => Object.keys(x)))].filter((k) => k !== 'source' && k in first);
  if (textChanged.length) {
    console.log(`${textChanged.length} article(s) not compared: the readers now give another text (ids differ):`);
    for (const t of textChanged.slice(0, 5)) console.log(`  ${t}`);
  }
  if (same) console.log(`identical: ${a.size - textChanged.length} articles, layers ${layers.join(', ')}`);
  else {
    console.log(`DIFFERENT (articles with a difference, per layer): ${JSON.stringify(counts)}`);
    for (const s of shown) console.log(s);
  }
  return same;
}

const [cmd, ...rest] = process.argv.slice(2);
const opt = (name: string) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};
const pos = rest.filter((x, i) => !x.startsWith('--') && !(i > 0 && rest[i - 1] === '--jobs'));
if (cmd === 'dump') dump(pos[0], pos[1], opt('--jobs'), rest.includes('--all'));
else if (cmd === 'diff') process.exit(diff(pos[0], pos[1]) ? 0 : 1);
else if (cmd === 'check') {
  const out = join(projectRoot, 'tmp', `compare-${process.pid}.jsonl`);
  dump(pos[1], out, opt('--jobs'), rest.includes('--all'));
  process.exit(diff(pos[0], out) ? 0 : 1);
} else {
  console.error('usage: compare-outputs.ts dump MAIN_JS OUT.jsonl [--jobs N] [--all] | diff A.jsonl B.jsonl | check BASE.jsonl MAIN_JS [--jobs N] [--all]');
  process.exit(2);
}
