/**
 * Instruction counts of the `morph` stage, independent of machine load (the machine is shared):
 * run under callgrind with instrumentation off, it reads the SlavicNER articles (every k-th of the
 * bench set), runs lang + tokens on all, the morph stage on W warm-up articles, then switches
 * instrumentation on for the morph stage over M articles the process has not seen ("new"), or
 * (with `repeat`) over fresh copies of articles it has seen once ("repeat"); with `tokens`, the
 * tokens and morph stages together over fresh copies of those seen once (the segmenter's share).
 *
 *   npm run build
 *   valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.new \
 *     node --single-threaded scripts/morph-instructions.mjs 300 60 [repeat|tokens]
 *   callgrind_annotate /tmp/cg.new | head -30        (PROGRAM TOTALS: the measured pass)
 *
 * PARLEY_ROOT=/path/to/other/checkout compares another build (its dist/) on the same articles.
 * --single-threaded keeps compilation and GC on the main thread, so they are counted too.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = process.env.PARLEY_ROOT ?? here;
const { createPipeline } = await import(join(root, 'dist/src/pipeline/index.js'));
const { readInputs } = await import(join(root, 'dist/src/ingest/index.js'));
const { createDoc } = await import(join(root, 'dist/src/doc/create.js'));
const RAW = join(here, '..', 'shared', 'data', 'slavicner', 'raw');
const files = [];
for (const t of readdirSync(RAW).sort()) {
  for (const l of ['ru', 'uk']) {
    const d = join(RAW, t, l);
    if (existsSync(d)) for (const f of readdirSync(d).sort()) if (f.endsWith('.txt')) files.push(join(d, f));
  }
}
const W = Number(process.argv[2] ?? 300);
const M = Number(process.argv[3] ?? 60);
const mode = process.argv[4] ?? 'new';
const repeat = mode === 'repeat' || mode === 'tokens';
const step = Math.max(1, Math.floor(files.length / (W + M)));
const pick = [];
for (let i = 0; i < W + M && i * step < files.length; i++) pick.push(files[i * step]);
const measured = (i) => i % Math.round((W + M) / M) === 1;
const pipeline = await createPipeline({ upTo: 'morph' });
const [lang, tokens, morph] = pipeline.stages;
const arts = [];
for await (const it of readInputs(pick)) if (it.ok) arts.push(it.article);
const prepare = (list) => list.map((a) => {
  const d = createDoc(a);
  lang.run(d, pipeline.ctx);
  tokens.run(d, pipeline.ctx);
  return d;
});
const docs = prepare(arts);
docs.forEach((d, i) => { if (!measured(i)) morph.run(d, pipeline.ctx); });
const instr = (on) => {
  try {
    execSync(`callgrind_control -i ${on ? 'on' : 'off'} ${process.pid}`, { stdio: 'ignore' });
  } catch {
    // not under callgrind: nothing to switch
  }
};
const target = docs.filter((_, i) => measured(i));
if (repeat) for (const d of target) morph.run(d, pipeline.ctx);
let timed = repeat ? prepare(arts.filter((_, i) => measured(i))) : target;
if (mode === 'tokens') {
  timed = arts.filter((_, i) => measured(i)).map((a) => createDoc(a));
  for (const d of timed) lang.run(d, pipeline.ctx);
}
const c0 = process.cpuUsage();
instr(true);
for (const d of timed) {
  if (mode === 'tokens') tokens.run(d, pipeline.ctx);
  morph.run(d, pipeline.ctx);
}
instr(false);
const c = process.cpuUsage(c0);
console.log(`${mode === 'tokens' ? 'tokens+morph' : 'morph'} ${repeat ? 'repeat' : 'new'} pass: ${timed.length} articles after ${docs.length - target.length} warm-up (${Math.round((c.user + c.system) / timed.length)} CPU µs/article)`);
