/**
 * Throughput of the `morph` stage over every ru / uk development text this machine has
 * (SlavicNER raw texts, plus NEREL and factRuEval for ru, NER-UK for uk): tokens per CPU-second
 * of this process (CPU time, so other processes on a shared machine do not count), for a first
 * pass (cold cache: every new form analysed) and a second pass (every form cached).
 *
 *   npx tsx scripts/morph-speed.ts ru uk
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDoc } from '../src/doc/create.js';
import type { Doc } from '../src/doc/model.js';
import { Context } from '../src/pipeline/context.js';
import { projectRoot } from '../src/pipeline/resources.js';
import { tokensStage } from '../src/text/segment/index.js';
import { createMorphStage } from '../src/text/morph/index.js';

const S = join(projectRoot, '../shared/data');

function texts(lang: string): string[] {
  const files: string[] = [];
  const walk = (p: string): void => {
    if (!existsSync(p)) return;
    for (const f of readdirSync(p, { withFileTypes: true })) {
      if (f.isDirectory()) walk(join(p, f.name));
      else if (f.name.endsWith('.txt') && !/SOURCE|README/.test(f.name)) files.push(join(p, f.name));
    }
  };
  for (const t of readdirSync(join(S, 'slavicner/raw'))) walk(join(S, 'slavicner/raw', t, lang));
  if (lang === 'ru') for (const sub of ['nerel', 'factrueval2016/devset']) walk(join(S, sub));
  if (lang === 'uk') walk(join(S, 'ner-uk'));
  return files;
}

for (const lang of process.argv.slice(2).length ? process.argv.slice(2) : ['ru', 'uk']) {
  const ctx = new Context();
  const stage = createMorphStage();
  stage.load?.(ctx);
  const t0 = performance.now();
  ctx.get('morph').analyze('мир', lang);
  const loadMs = Math.round(performance.now() - t0);
  const docs: Doc[] = texts(lang).map((f) => {
    const doc = createDoc({ source: { path: f }, published: null, title: null, text: readFileSync(f, 'utf8'), lang });
    tokensStage.run(doc, ctx);
    return doc;
  });
  const tokens = docs.reduce((n, d) => n + (d.layers.tokens?.length ?? 0), 0);
  const rates: number[] = [];
  for (let pass = 0; pass < 2; pass++) {
    const c0 = process.cpuUsage();
    for (const d of docs) stage.run(d, ctx);
    const c = process.cpuUsage(c0);
    rates.push(Math.round(tokens / ((c.user + c.system) / 1e6)));
  }
  console.log(
    `${lang}: ${docs.length} docs, ${tokens} tokens; resources ${loadMs} ms; ` +
      `first pass ${rates[0].toLocaleString('en')} tokens/CPU-s, cached ${rates[1].toLocaleString('en')} tokens/CPU-s`,
  );
}
