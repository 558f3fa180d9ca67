/**
 * Entities (normalisation, coreference, linking) on SlavicNER's dev topic `nord_stream` (ru and uk
 * separately, texts = the raw files) and on the five seeds, scored by the shared scorers.
 *
 *   npm run eval -- entities
 *
 * Two runs on nord_stream: the full pipeline (recognition by the NER stage), and, to measure this
 * stage alone, "oracle mentions": the gold spans and types handed to the `entities` stage (their
 * lemmas and ids withheld), so normalisation and linking are scored on every gold mention.
 *
 * Then the SlavicNER TRAIN topics (oracle mentions), labelled `TRAIN topic`: once with the shipped
 * KB and lemma model (built from those topics: optimistic) and once with a leave-one-topic-out build
 * (`scripts/build-kb.ts --exclude TOPIC --out DIR`: the figure for an unseen story). Set
 * PARLEY_EVAL_NO_TRAIN=1 to skip them; PARLEY_EVAL_KEEP=DIR keeps every system output.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toArticleJson } from '../src/contract/article.js';
import { normalizeBody } from '../src/doc/normalize.js';
import type { Doc, EntityType, Mention } from '../src/doc/model.js';
import { defaultStages } from '../src/pipeline/default.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { projectRoot } from '../src/pipeline/resources.js';
import { entitiesStage, linkDoc, resolveMention } from '../src/entities/link/index.js';

const SHARED = join(projectRoot, '../shared');
const SLAV = join(SHARED, 'data/slavicner');

function score(script: string, out: string, gold: string): Record<string, Record<string, unknown>> {
  const r = execFileSync('python3', [join(SHARED, 'eval', script), out, gold, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(r.trim().split('\n').pop()!);
}

function fmt(x: unknown): string {
  if (x && typeof x === 'object' && 'f1' in (x as Record<string, unknown>)) {
    const o = x as Record<string, number>;
    return `F1 ${o.f1} (P ${o.p ?? o.precision} R ${o.r ?? o.recall})`;
  }
  return JSON.stringify(x);
}

/**
 * Cross-lingual linking on oracle mentions: pairs of one Russian and one Ukrainian mention (different
 * documents by construction) with the same gold id vs the same system id; pairwise P/R/F1.
 */
function crossLingual(docs: { lang: string; doc: Doc; gold: Map<number, string> }[]): string {
  const count = (key: (g: string, s: string) => string) => {
    const n = new Map<string, [number, number]>();
    for (const { lang, doc, gold } of docs) {
      for (const e of doc.layers.entities ?? []) {
        for (const m of e.mentions) {
          const g = gold.get(m.start);
          if (g === undefined) continue;
          const k = key(g, e.id);
          const c = n.get(k) ?? [0, 0];
          c[lang === 'ru' ? 0 : 1]++;
          n.set(k, c);
        }
      }
    }
    let p = 0;
    for (const [a, b] of n.values()) p += a * b;
    return p;
  };
  const tp = count((g, s) => `${g}\u0000${s}`);
  const gp = count((g) => g);
  const sp = count((_g, s) => s);
  const P = sp ? tp / sp : 0;
  const R = gp ? tp / gp : 0;
  const F = P + R ? (2 * P * R) / (P + R) : 0;
  return `F1 ${F.toFixed(3)} (P ${P.toFixed(3)} R ${R.toFixed(3)}, ${gp} gold pairs)`;
}

export default async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'parley-ent-'));
  // the scorer counts every topic under its root: give it a root holding only nord_stream
  const nsRoot = join(tmp, 'slavicner-nord_stream');
  for (const part of ['ner', 'raw']) {
    mkdirSync(join(nsRoot, part), { recursive: true });
    cpSync(join(SLAV, part, 'nord_stream'), join(nsRoot, part, 'nord_stream'), { recursive: true });
  }
  let pipe: Pipeline | null = null;
  try {
    const stages = await defaultStages();
    if (stages.some((s) => s.name === 'ner') && stages.some((s) => s.name === 'entities')) pipe = await new Pipeline(stages).load();
  } catch (e) {
    console.log(`  full pipeline unavailable: ${(e as Error).message}`);
  }

  // oracle-mention run: gold spans/types only (the morphology loaded as in the pipeline)
  const pre = await new Pipeline((await defaultStages()).filter((s) => ['lang', 'tokens', 'morph'].includes(s.name))).load();
  await entitiesStage.load!(pre.ctx);
  const L = { ...pre.ctx.get('entityLinker'), morph: pre.ctx.maybe('morph') };

  /** The documents of a topic in a language, analysed up to the morphology, with the gold mentions (lemmas and ids withheld). */
  const oracleDocs = (topic: string, lang: string): { path: string; raw: string; doc: Doc; gold: Map<number, string> }[] => {
    const dir = join(SLAV, 'raw', topic, lang);
    const out: { path: string; raw: string; doc: Doc; gold: Map<number, string> }[] = [];
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
      const raw = readFileSync(join(dir, f), 'utf8');
      const path = join(dir, f);
      const doc = pre.analyze({ source: { path }, published: null, title: null, text: raw, lang });
      doc.lang = lang;
      const tsv = join(SLAV, 'ner', topic, lang, f.replace(/\.txt$/, '.tsv'));
      const ms: Mention[] = [];
      /** mention start -> gold cross-lingual id (for the ru x uk linking figure) */
      const gold = new Map<number, string>();
      if (existsSync(tsv)) {
        const cps = [...raw];
        // gold offsets are code points into the raw text; createDoc may normalise: find by text
        for (const line of readFileSync(tsv, 'utf8').split('\n')) {
          const p = line.split('\t');
          if (p.length < 6) continue;
          const s = normalizeBody(cps.slice(0, Number(p[0])).join('')).length;
          const e = normalizeBody(cps.slice(0, Number(p[1])).join('')).length;
          const t = doc.text.slice(s, e);
          if (normalizeBody(p[2]) !== t) continue;
          ms.push({ start: s, end: e, text: t, type: p[4] as EntityType, lemma: t });
          gold.set(s, p[5]);
        }
      }
      doc.layers.mentions = ms;
      out.push({ path, raw, doc, gold });
    }
    return out;
  };

  const xling: { lang: string; doc: Doc; gold: Map<number, string> }[] = [];
  for (const lang of ['ru', 'uk']) {
    const oracle: string[] = [];
    const full: string[] = [];
    for (const { path, raw, doc, gold } of oracleDocs('nord_stream', lang)) {
      doc.layers.entities = linkDoc(doc, L);
      xling.push({ lang, doc, gold });
      oracle.push(JSON.stringify(toArticleJson(doc)));
      if (pipe) full.push(JSON.stringify(toArticleJson(pipe.analyze({ source: { path }, published: null, title: null, text: raw }))));
    }
    for (const [name, lines] of [['oracle mentions', oracle], ['full pipeline', full]] as const) {
      if (!lines.length) {
        console.log(`  nord_stream ${lang} [${name}]: not run (NER/entities stages not in the default pipeline)`);
        continue;
      }
      const out = join(tmp, `ns-${lang}-${name.replace(/\s/g, '_')}.jsonl`);
      writeFileSync(out, lines.join('\n') + '\n');
      if (process.env.PARLEY_EVAL_KEEP) writeFileSync(join(process.env.PARLEY_EVAL_KEEP, `ns-${lang}-${name.replace(/\s/g, '_')}.jsonl`), lines.join('\n') + '\n');
      const r = score('slavicner_score.py', out, nsRoot)[lang];
      console.log(`  nord_stream ${lang} [${name}] docs ${r.docs}`);
      console.log(`    normalisation acc ${r.norm_acc} (casefold ${r.norm_acc_casefold})`);
      console.log(`    xdoc linking ${fmt(r.xdoc_linking)}`);
      console.log(`    mentions relaxed ${fmt(r.ner_relaxed)} strict ${fmt(r.ner_strict)}`);
    }
  }

  console.log(`  nord_stream ru x uk [oracle mentions] cross-lingual linking ${crossLingual(xling)}`);

  // SlavicNER TRAIN topics, oracle mentions, to check that a change generalises. Two figures each:
  // [shipped KB] — the KB and lemma model the project ships, built FROM these topics (optimistic);
  // [KB without topic] — a leave-one-topic-out KB and lemma model (`build-kb.ts --exclude T`), the
  // honest figure for an unseen story.
  if (!process.env.PARLEY_EVAL_NO_TRAIN) {
    const { Kb } = await import('../src/entities/kb/kb.js');
    const { Lemmatizer } = await import('../src/entities/link/lemmatize.js');
    for (const topic of ['asia_bibi', 'brexit', 'covid-19', 'ryanair']) {
      const root = join(tmp, `slavicner-${topic}`);
      for (const part of ['ner', 'raw']) {
        mkdirSync(join(root, part), { recursive: true });
        cpSync(join(SLAV, part, topic), join(root, part, topic), { recursive: true });
      }
      const loo = join(tmp, `kb-without-${topic}`);
      execFileSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts/build-kb.ts'), '--exclude', topic, '--out', loo], { cwd: projectRoot, stdio: 'ignore' });
      const Lx = {
        ...L,
        kb: new Kb(JSON.parse(readFileSync(join(loo, 'kb.json'), 'utf8'))),
        lemmatizer: new Lemmatizer(JSON.parse(readFileSync(join(loo, 'lemma-model.json'), 'utf8'))),
      };
      const both = { ru: oracleDocs(topic, 'ru'), uk: oracleDocs(topic, 'uk') };
      const xl = new Map<string, { lang: string; doc: Doc; gold: Map<number, string> }[]>();
      for (const lang of ['ru', 'uk'] as const) {
        const docs = both[lang];
        for (const [name, linker] of [['shipped KB', L], ['KB without topic', Lx]] as const) {
          const lines = docs.map(({ doc, gold }) => {
            doc.layers.entities = linkDoc(doc, linker);
            const x = xl.get(name) ?? [];
            x.push({ lang, doc: { ...doc, layers: { ...doc.layers } }, gold });
            xl.set(name, x);
            return JSON.stringify(toArticleJson(doc));
          });
          const out = join(tmp, `train-${topic}-${lang}-${name.replace(/\s/g, '_')}.jsonl`);
          writeFileSync(out, lines.join('\n') + '\n');
          if (process.env.PARLEY_EVAL_KEEP) writeFileSync(join(process.env.PARLEY_EVAL_KEEP, `train-${topic}-${lang}-${name.replace(/\s/g, '_')}.jsonl`), lines.join('\n') + '\n');
          const r = score('slavicner_score.py', out, root)[lang];
          console.log(`  TRAIN topic ${topic} ${lang} [oracle mentions, ${name}] docs ${r.docs}: normalisation acc ${r.norm_acc} (casefold ${r.norm_acc_casefold}), xdoc linking ${fmt(r.xdoc_linking)}`);
        }
      }
      for (const [name, docs] of xl) console.log(`  TRAIN topic ${topic} ru x uk [oracle mentions, ${name}] cross-lingual linking ${crossLingual(docs)}`);
    }
  }

  // BSNLP 2017 topics `ec` and `trump` (other stories, other years): the distinct annotated forms
  // (lower-cased by that corpus) through normalisation and linking, case-insensitive lemma accuracy
  for (const topic of ['ec', 'trump']) {
    for (const lang of ['ru', 'uk']) {
      const dir = join(SHARED, 'data/bsnlp2017', topic, 'annotated', lang);
      if (!existsSync(dir)) continue;
      let n = 0;
      let ok = 0;
      for (const f of readdirSync(dir)) {
        for (const line of readFileSync(join(dir, f), 'utf8').split('\n').slice(1)) {
          const p = line.split('\t');
          const t = p[2]?.trim() as EntityType;
          if (p.length < 4 || !['PER', 'LOC', 'ORG', 'EVT', 'PRO'].includes(t)) continue;
          n++;
          const r = resolveMention(L, p[0], t, lang);
          if (r.lemma.toLowerCase().replace(/ё/g, 'е') === p[1].toLowerCase().replace(/ё/g, 'е')) ok++;
        }
      }
      console.log(`  bsnlp2017 ${topic} ${lang}: ${n} distinct forms, normalisation acc (casefold) ${(ok / n).toFixed(3)}`);
    }
  }

  // seeds
  if (pipe) {
    const seeds = join(SHARED, 'seeds');
    const lines: string[] = [];
    const { readInputs } = await import('../src/ingest/index.js');
    for await (const it of readInputs([seeds])) {
      if (it.ok) lines.push(JSON.stringify(toArticleJson(pipe.analyze(it.article))));
    }
    if (lines.length) {
      const out = join(tmp, 'seeds.jsonl');
      writeFileSync(out, lines.join('\n') + '\n');
      const r = score('score.py', out, join(SHARED, 'eval/gold'));
      const ent = (r.entities ?? r) as Record<string, unknown>;
      console.log(`  seeds: ner_relaxed ${fmt(ent.ner_relaxed)} lemma_acc ${JSON.stringify(ent.lemma_acc)} xdoc_linking ${fmt(ent.xdoc_linking)}`);
    } else console.log('  seeds: no reader available');
  } else console.log('  seeds: not run (full pipeline unavailable)');
}

if (process.argv[1]?.endsWith('entities.eval.ts')) await main();
