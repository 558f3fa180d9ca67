/**
 * Mention recognition on the SlavicNER dev topic `nord_stream` (ru and uk separately): analyses
 * each raw file with the full pipeline, writes parley/article@1 JSON Lines and scores them with
 * `../shared/eval/slavicner_score.py` (relaxed and strict F1 per type and overall). When the
 * `entities` stage is not in the pipeline, every mention becomes its own entity for scoring.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toArticleJson } from '../src/contract/article.js';
import type { Doc, RawArticle } from '../src/doc/model.js';
import { createPipeline, projectRoot } from '../src/pipeline/index.js';

const ROOT = join(projectRoot, '..', 'shared', 'data', 'slavicner');
const TOPIC = process.env.NER_EVAL_TOPIC ?? 'nord_stream';

function articleJson(doc: Doc): Record<string, unknown> {
  if (doc.layers.entities) return toArticleJson(doc);
  const entities = (doc.layers.mentions ?? []).map((m) => ({
    id: `new:${m.type}:${m.text.toLowerCase()}`,
    type: m.type,
    name: m.lemma,
    mentions: [m],
  }));
  return toArticleJson({ ...doc, layers: { ...doc.layers, entities } });
}

interface Prf {
  p: number;
  r: number;
  f1: number;
  gold: number;
  sys: number;
}

export default async function run(): Promise<void> {
  const pipe = await createPipeline();
  const names = pipe.stages.map((s) => s.name);
  if (!names.includes('ner')) throw new Error('the pipeline has no `ner` stage');
  const dir = mkdtempSync(join(tmpdir(), 'parley-ner-'));
  const out = join(dir, `${TOPIC}.jsonl`);
  const lines: string[] = [];
  let n = 0;
  const t0 = Date.now();
  for (const lang of ['ru', 'uk']) {
    const rawDir = join(ROOT, 'raw', TOPIC, lang);
    for (const f of readdirSync(rawDir).sort()) {
      if (!f.endsWith('.txt')) continue;
      const path = join(rawDir, f);
      const raw: RawArticle = { source: { path, format: 'text' }, published: null, title: null, text: readFileSync(path, 'utf8') };
      lines.push(JSON.stringify(articleJson(pipe.analyze(raw))));
      n++;
    }
  }
  const ms = Date.now() - t0;
  writeFileSync(out, lines.join('\n') + '\n');
  // the scorer counts every gold file under its root as missing when not in the output: give it
  // a root holding only this topic
  const only = join(dir, 'gold');
  for (const part of ['raw', 'ner']) {
    mkdirSync(join(only, part), { recursive: true });
    cpSync(join(ROOT, part, TOPIC), join(only, part, TOPIC), { recursive: true });
  }
  const r = spawnSync('python3', [join(projectRoot, '..', 'shared', 'eval', 'slavicner_score.py'), out, only, '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scorer failed: ${r.stderr}`);
  const rep = JSON.parse(r.stdout) as Record<string, { docs: number; ner_relaxed: Prf; ner_strict: Prf; per_type_relaxed_f1: Record<string, number> }>;
  console.log(`  ${TOPIC}: ${n} documents analysed in ${(ms / 1000).toFixed(1)} s (stages: ${names.join(' -> ')}); output ${out}`);
  for (const lang of ['ru', 'uk']) {
    const x = rep[lang];
    if (!x) continue;
    const fmt = (p: Prf) => `P ${p.p.toFixed(3)} R ${p.r.toFixed(3)} F1 ${p.f1.toFixed(3)}`;
    console.log(`  ${lang} (${x.docs} docs)  relaxed ${fmt(x.ner_relaxed)} | strict ${fmt(x.ner_strict)}`);
    console.log(`     relaxed F1 per type: ${Object.entries(x.per_type_relaxed_f1).map(([t, v]) => `${t} ${v.toFixed(3)}`).join('  ')}`);
  }
  // strict per type is not in the scorer's report: count it from the same files
  console.log(`  strict F1 per type: ${strictPerType(out)}`);
}

/** Strict (exact span and type) F1 per type and language, against the gold of the same files. */
function strictPerType(jsonl: string): string {
  const gold = new Map<string, { lang: string; ms: { s: number; e: number; t: string }[]; raw: string }>();
  for (const lang of ['ru', 'uk']) {
    const dir = join(ROOT, 'ner', TOPIC, lang);
    for (const f of readdirSync(dir)) {
      const ms = readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .map((l) => l.split('\t'))
        .filter((p) => p.length >= 6)
        .map((p) => ({ s: +p[0], e: +p[1], t: p[4] }));
      gold.set(f.replace(/\.tsv$/, ''), { lang, ms, raw: '' });
    }
  }
  const c = new Map<string, { tp: number; sys: number; gold: number }>();
  const get = (k: string) => c.get(k) ?? (c.set(k, { tp: 0, sys: 0, gold: 0 }), c.get(k)!);
  for (const line of readFileSync(jsonl, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const a = JSON.parse(line) as { source: { path: string }; text: string; entities: { type: string; mentions: { start: number; end: number }[] }[] };
    const key = a.source.path.split('/').pop()!.replace(/\.txt$/, '');
    const g = gold.get(key);
    if (!g) continue;
    const cps = [...a.text].length === a.text.length; // no astral characters: offsets coincide
    const sys = new Set<string>();
    for (const e of a.entities) for (const m of e.mentions) sys.add(`${m.start}:${m.end}:${e.type}`);
    for (const s of sys) get(g.lang + s.slice(s.lastIndexOf(':'))).sys++;
    for (const m of g.ms) {
      const k = get(g.lang + ':' + m.t);
      k.gold++;
      if (cps && sys.has(`${m.s}:${m.e}:${m.t}`)) k.tp++;
    }
  }
  const parts: string[] = [];
  for (const lang of ['ru', 'uk']) {
    const row: string[] = [];
    for (const t of ['PER', 'LOC', 'ORG', 'EVT', 'PRO']) {
      const k = c.get(lang + ':' + t);
      if (!k) continue;
      const p = k.sys ? k.tp / k.sys : 0;
      const r = k.gold ? k.tp / k.gold : 0;
      row.push(`${t} ${(p + r ? (2 * p * r) / (p + r) : 0).toFixed(3)}`);
    }
    parts.push(`${lang}: ${row.join('  ')}`);
  }
  return parts.join(' | ');
}
