/**
 * The quotes stage alone, for speed work on it: `node --expose-gc --import tsx bench/quotes.ts [--out F.jsonl] [--passes N] [--quotes DIR]`.
 *
 * The bench set (every ru/uk text of ../shared/data/slavicner/raw and the seeds, as `npm run bench`,
 * plus samples/ and eval/stories/) is analysed up to `entities` once, untimed; then the quotes stage
 * runs on copies of those documents: half A untimed (the JIT warms as in the bench's `new` pass), then
 * half B timed (CPU time, process.cpuUsage) `passes` times. Prints ms per article of half B with the
 * load average. `--out` writes every article's quotes, attributions and added entities (JSON lines)
 * so that two versions of the stage can be compared byte for byte; `--quotes DIR` takes the stage
 * from another copy of src/quotes (DIR/index.ts), e.g. the version before a change.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Doc, RawArticle } from '../src/doc/model.js';
import { benchFiles } from './inputs.js';


const args = process.argv.slice(2);
const opt = (k: string): string | undefined => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : undefined;
};
const passes = Number(opt('--passes') ?? 5);
const out = opt('--out');
const qdir = opt('--quotes');

const { createPipeline } = await import('../src/pipeline/index.js');
const { readInputs } = await import('../src/ingest/index.js');
const { createDoc } = await import('../src/doc/create.js');
const mod = (await import(qdir ? pathToFileURL(join(resolve(qdir), 'index.ts')).href : '../src/quotes/index.js')) as typeof import('../src/quotes/index.js');
const pipeline = await createPipeline({ upTo: 'entities' });
mod.quotesStage.load?.(pipeline.ctx);
const articles: RawArticle[] = [];
for await (const item of readInputs(benchFiles())) if (item.ok) articles.push(item.article);
const docs: Doc[] = [];
for (const raw of articles) {
  const doc = createDoc(raw);
  for (const s of pipeline.stages) s.run(doc, pipeline.ctx);
  docs.push(doc);
}
const copy = (d: Doc): Doc => structuredClone(d);
const halfA = docs.filter((_, i) => i % 2 === 0);
const halfB = docs.filter((_, i) => i % 2 === 1);
for (const d of halfA) mod.runQuotes(copy(d), pipeline.ctx);
const ms: number[] = [];
for (let p = 0; p < passes; p++) {
  const copies = halfB.map(copy);
  (globalThis as { gc?: () => void }).gc?.();
  const c0 = process.cpuUsage();
  for (const d of copies) mod.runQuotes(d, pipeline.ctx);
  const c = process.cpuUsage(c0);
  ms.push((c.user + c.system) / 1000 / copies.length);
}
console.log(`quotes: ${ms.map((x) => x.toFixed(3)).join(' / ')} ms per article (half B, ${halfB.length} articles, CPU time); load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (out) {
  const lines: string[] = [];
  for (const d0 of docs) {
    const d = copy(d0);
    const before = d.layers.entities?.length ?? 0;
    mod.runQuotes(d, pipeline.ctx);
    lines.push(JSON.stringify({ id: d.id, quotes: d.layers.quotes, attributions: d.layers.attributions, added: d.layers.entities?.slice(before) ?? [] }));
  }
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${lines.length} articles written to ${out}`);
}
