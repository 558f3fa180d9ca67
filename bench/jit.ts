/**
 * `node dist/bench/jit.js [--top N] [--deopts]`: what V8's optimising compiler costs on the bench's
 * `new` articles. A child process (one core, `--single-threaded`: TurboFan compiles on the main
 * thread, as in the bench) loads the default pipeline, analyses half A of the bench articles, then
 * half B, under `--trace-opt --trace-deopt`; the trace lines of the half-B pass are summed per
 * function: TurboFan compiles (count, wall ms) and, with --deopts, the deoptimisations with their
 * reasons. A function compiled again and again in half B is deoptimised by a path or an object shape
 * it had not met before (see src/text/segment/warm.ts for one remedy). Compile times are wall
 * times: on a loaded machine compare their shares, not their sums.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RawArticle } from '../src/doc/model.js';
import { projectRoot } from '../src/pipeline/resources.js';
import { inputFiles } from './inputs.js';

const MARK_NEW = '=== JIT PASS new';
const MARK_END = '=== JIT END';


async function child(): Promise<void> {
  const { readInputs } = await import('../src/ingest/index.js');
  const articles: RawArticle[] = [];
  for await (const item of readInputs(inputFiles())) if (item.ok) articles.push(item.article);
  const { createPipeline } = await import('../src/pipeline/index.js');
  const pipeline = await createPipeline();
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  for (const a of articles.filter((_, i) => i % 2 === 0)) pipeline.analyze(a);
  const halfB = articles.filter((_, i) => i % 2 === 1);
  const c0 = cpu();
  const t0 = performance.now();
  console.log(MARK_NEW);
  for (const a of halfB) pipeline.analyze(a);
  console.log(`${MARK_END} ${halfB.length} ${(cpu() - c0).toFixed(0)} ${(performance.now() - t0).toFixed(0)}`);
}

/** a traced function's name (`<JSFunction (sfi = …)>` is an anonymous one) */
function fnName(s: string): string {
  return !s || s.startsWith('(sfi') ? '(anonymous)' : s;
}

function main(): void {
  const args = process.argv.slice(2);
  const ti = args.indexOf('--top');
  const top = ti >= 0 ? Number(args[ti + 1]) || 30 : 30;
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--single-threaded', '--trace-opt', '--trace-deopt', self, '--child'], {
    cwd: projectRoot,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const lines = r.stdout.split('\n');
  const from = lines.indexOf(MARK_NEW);
  const endLine = lines.find((l) => l.startsWith(MARK_END));
  if (r.status !== 0 || from < 0 || !endLine) {
    console.error(`jit: the child failed (exit ${r.status}): ${(r.stderr || '').split('\n').slice(-5).join('\n')}`);
    process.exit(1);
  }
  const [n, cpuMs, wallMs] = endLine.slice(MARK_END.length).trim().split(' ').map(Number);
  const compiles = new Map<string, { n: number; ms: number }>();
  const deopts = new Map<string, number>();
  let total = 0;
  let count = 0;
  for (const l of lines.slice(from, lines.indexOf(endLine))) {
    const c = /^\[completed compiling .*?<JSFunction (\S*) .*?took [\d.]+, ([\d.]+), [\d.]+ ms/.exec(l);
    if (c) {
      const name = fnName(c[1]);
      const e = compiles.get(name) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += Number(c[2]);
      compiles.set(name, e);
      total += Number(c[2]);
      count++;
      continue;
    }
    const d = /^\[bailout \(kind: ([^,]+), reason: ([^)]*)\).*?<JSFunction (\S*) /.exec(l);
    if (d) {
      const k = `${fnName(d[3])}: ${d[2]} (${d[1]})`;
      deopts.set(k, (deopts.get(k) ?? 0) + 1);
    }
  }
  console.log(
    `new pass: ${n} articles, ${cpuMs} ms CPU, ${wallMs} ms wall; ${count} TurboFan compiles, ${total.toFixed(0)} ms wall ` +
      `(${((100 * total) / wallMs).toFixed(0)}% of the pass's wall time)`,
  );
  console.log('\nTurboFan compiles in the new pass (wall ms, count, function):');
  for (const [k, e] of [...compiles].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) console.log(`${e.ms.toFixed(0).padStart(8)} ${String(e.n).padStart(3)}  ${k}`);
  if (args.includes('--deopts')) {
    console.log('\ndeoptimisations in the new pass (count, function: reason):');
    for (const [k, m] of [...deopts].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(m).padStart(4)}  ${k}`);
  }
}

if (process.argv.includes('--child')) {
  child().catch((e: unknown) => {
    console.error((e as Error).stack ?? String(e));
    process.exit(1);
  });
} else {
  main();
}
