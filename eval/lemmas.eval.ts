/**
 * Lemma accuracy of the morphology on single-word SlavicNER PER/LOC/ORG mentions: for every gold
 * mention that is exactly one token of our tokenizer, the lemma the pipeline (up to `morph`) gives
 * that token in context against the gold lemma, case-insensitive (ё = е, apostrophes unified).
 * Printed per language for the dev topic (nord_stream) and the train topics (which the name
 * guesser learned from). Also prints the stage's speed in tokens per CPU-second of this process
 * (one core; the dev line starts from a cold cache, the train line continues with it; resources
 * are loaded before timing).
 *
 *   npm run build && npm run eval -- lemmas      (or: npx tsx eval/lemmas.eval.ts)
 *   LEMMA_ERRORS=1 prints the dev errors.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Doc, Token } from '../src/doc/model.js';
import { createDoc } from '../src/doc/create.js';
import { projectRoot } from '../src/pipeline/resources.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { defaultStages } from '../src/pipeline/default.js';
import { createMorphStage } from '../src/text/morph/index.js';
import type { Stage } from '../src/pipeline/stage.js';

const DATA = join(projectRoot, '../shared/data/slavicner');
const DEV = ['nord_stream'];
const TRAIN = ['asia_bibi', 'brexit', 'covid-19', 'ryanair'];

const key = (s: string): string => s.toLowerCase().replace(/ё/g, 'е').replace(/['ʼ`‘’]/g, '’');

interface Item {
  doc: string;
  surface: string;
  gold: string;
  start: number;
  end: number;
}

function load(topic: string, lang: string): { text: string; items: Item[]; file: string }[] {
  const dir = join(DATA, 'ner', topic, lang);
  if (!existsSync(dir)) return [];
  const out: { text: string; items: Item[]; file: string }[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.tsv')).sort()) {
    const raw = join(DATA, 'raw', topic, lang, f.replace(/\.tsv$/, '.txt'));
    if (!existsSync(raw)) continue;
    const text = readFileSync(raw, 'utf8');
    const items: Item[] = [];
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const c = line.split('\t');
      if (c.length < 5 || !['PER', 'LOC', 'ORG'].includes(c[4])) continue;
      if (/\s/.test(c[2])) continue;
      items.push({ doc: f, surface: c[2], gold: c[3], start: Number(c[0]), end: Number(c[1]) });
    }
    out.push({ text, items, file: f });
  }
  return out;
}

export default async function main(): Promise<void> {
  // the gold language is given: the language stage is left out
  const stages = (await defaultStages('tokens')).filter((s) => s.name !== 'lang');
  const morphStage: Stage = createMorphStage();
  const morphPipe = new Pipeline([...stages, morphStage]);
  await morphPipe.load();
  const showErrors = !!process.env.LEMMA_ERRORS;
  const morph = morphPipe.ctx.get('morph');
  for (const lang of ['ru', 'uk']) {
    // load the language's resources before timing the stage
    const t0 = performance.now();
    morph.analyze('мир', lang);
    console.log(`  ${lang} resources loaded in ${Math.round(performance.now() - t0)} ms`);
    for (const [label, topics] of [['dev', DEV], ['train', TRAIN]] as const) {
      let n = 0;
      let ok = 0;
      let skipped = 0;
      let tokens = 0;
      let ms = 0;
      const errors: string[] = [];
      for (const topic of topics) {
        for (const { text, items, file } of load(topic, lang)) {
          // tokens first (timed apart), then the morph stage alone
          const doc: Doc = createDoc({ source: { path: file }, published: null, title: null, text, lang });
          for (const s of stages) s.run(doc, morphPipe.ctx);
          // CPU time of this process (the machine may be shared: wall time would measure the others)
          const c0 = process.cpuUsage();
          morphStage.run(doc, morphPipe.ctx);
          const c = process.cpuUsage(c0);
          ms += (c.user + c.system) / 1000;
          const toks = doc.layers.tokens ?? [];
          tokens += toks.length;
          const byStart = new Map<number, Token>();
          for (const t of toks) byStart.set(t.start, t);
          for (const it of items) {
            const t = byStart.get(it.start);
            if (!t || t.end !== it.end || doc.text.slice(it.start, it.end) !== it.surface) {
              skipped++;
              continue;
            }
            n++;
            if (key(t.lemma ?? t.text) === key(it.gold)) ok++;
            else if (showErrors && label === (process.env.LEMMA_ERRORS === 'train' ? 'train' : 'dev')) errors.push(`${it.surface} -> ${t.lemma} (gold ${it.gold}) ${t.pos}`);
          }
        }
      }
      if (!n) continue;
      console.log(
        `  ${lang} ${label.padEnd(5)} lemma accuracy ${(ok / n).toFixed(3)} (${ok}/${n} single-token mentions; ${skipped} not one token)` +
          `   morph ${Math.round(tokens / (ms / 1000)).toLocaleString('en')} tokens per CPU-second over ${tokens} tokens`,
      );
      if (errors.length) {
        const counts = new Map<string, number>();
        for (const e of errors) counts.set(e, (counts.get(e) ?? 0) + 1);
        for (const [e, c] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`     ${c}× ${e}`);
      }
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
