/**
 * `npm run bench` (= `node dist/bench/bench.js`): speed and memory of the analysis pipeline over
 * the SlavicNER development articles (ru + uk, ../shared/data/slavicner/raw) plus the seeds.
 *
 * Each configuration runs in a fresh child process (so peak RSS is its own), in one thread:
 *   tokens   the tokenize-only baseline: createPipeline({ upTo: 'tokens' })
 *   morph    the text layers (language, tokens, morphology): createPipeline({ upTo: 'morph' })
 *   entities up to recognised, normalised and linked entities: createPipeline({ upTo: 'entities' })
 *   full     the default pipeline with every registered stage
 * Each configuration runs twice, in fresh child processes (so peak RSS is the run's own), each
 * pinned to one core with V8 single-threaded (see childCommand); a child loads the pipeline (timed)
 * and reads the articles through the real ingest readers.
 * The bench articles are split into halves A and B.
 *   bench-set run: "first", a timed pass over half A right after loading (JIT cold, every cache
 *     empty); "new", a timed pass over half B (articles the process has not seen; it has read A);
 *     "repeat", a timed pass over all, each seen once. Its peak RSS is the bench-set figure.
 *   long run: half A and ~1,500 other ru/uk news texts shipped in ../shared/data (NEREL,
 *     factRuEval, NER-UK and BSNLP 2017 raw; none a bench article) read untimed, then half B timed:
 *     the steady state of a long-running process on unseen articles, and its peak RSS.
 * For each pass: articles per second and per CPU-second (= per core), per-stage time.
 * Then the cold start of `node dist/src/cli/main.js analyze <seed> --json` is timed (when that file exists).
 *
 *   node dist/bench/bench.js                  every configuration + cold start
 *   node dist/bench/bench.js --only tokens    one configuration
 *   node dist/bench/bench.js --only jobs      --jobs 1 (in this thread) and --jobs 2 (worker threads), as the CLI: wall throughput, CPU, peak RSS
 *   node dist/bench/bench.js --json           machine-readable results
 *   node dist/bench/bench.js --save F.json    the table as usual, and the results saved as JSON to F.json
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawArticle } from '../src/doc/model.js';
import { projectRoot } from '../src/pipeline/resources.js';
import { inputFiles, RAW, SEEDS, SHARED } from './inputs.js';

const DATA = join(SHARED, 'data');

interface Result {
  config: string;
  stages: string[];
  articles: number;
  rejected: number;
  errors: number;
  tokens: number;
  chars: number;
  loadMs: number;
  readMs: number;
  warmMs: number;
  totalMs: number;
  cpuMs: number;
  articlesPerSec: number;
  articlesPerCpuSec: number;
  tokensPerSec: number;
  tokensPerCpuSec: number;
  stageMs: Record<string, number>;
  /** the first timed pass (half A, right after loading) */
  firstArticles: number;
  firstArticlesPerSec: number;
  firstArticlesPerCpuSec: number;
  stageMsFirst: Record<string, number>;
  /** articles of other news text read (untimed) before the "new" pass */
  warmArticles: number;
  /** the timed pass over half B, articles the process has not seen */
  newArticles: number;
  newArticlesPerSec: number;
  newArticlesPerCpuSec: number;
  stageMsNew: Record<string, number>;
  /** CPU time per stage (ms) of the repeat, new and first passes (the per-stage figures above are wall time) */
  stageCpuMs: Record<string, number>;
  stageCpuMsNew: Record<string, number>;
  stageCpuMsFirst: Record<string, number>;
  maxRssMb: number;
  firstError?: string;
}

/**
 * Other ru/uk news text (not the bench articles) for the warm-up before the "new" pass: NEREL,
 * factRuEval 2016, NER-UK and BSNLP 2017 raw texts, where present.
 */
function warmFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string, keep: (path: string) => boolean) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p, keep);
      else if (e.name.endsWith('.txt') && keep(p)) out.push(p);
    }
  };
  walk(join(DATA, 'nerel'), () => true);
  walk(join(DATA, 'factrueval2016'), () => true);
  walk(join(DATA, 'ner-uk'), () => true);
  walk(join(DATA, 'bsnlp2017'), (p) => /\/raw\/(ru|uk)\//.test(p));
  return out;
}

async function child(config: string, mode: 'set' | 'long'): Promise<Result> {
  const t0 = performance.now();
  const { createPipeline } = await import('../src/pipeline/index.js');
  const pipeline = await createPipeline(config === 'full' ? {} : { upTo: config });
  const loadMs = performance.now() - t0;

  const t1 = performance.now();
  const { readInputs } = await import('../src/ingest/index.js');
  const articles: RawArticle[] = [];
  let rejected = 0;
  for await (const item of readInputs(inputFiles())) {
    if (item.ok) articles.push(item.article);
    else rejected++;
  }
  const readMs = performance.now() - t1;
  if (!articles.length) throw new Error(`no articles found under ${RAW} or ${SEEDS}`);

  const { createDoc } = await import('../src/doc/create.js');
  const stages = pipeline.stages;
  const ctx = pipeline.ctx;
  const stageMs: Record<string, number> = Object.fromEntries(stages.map((s) => [s.name, 0]));
  let errors = 0;
  let firstError: string | undefined;
  const stageMsNew: Record<string, number> = Object.fromEntries(stages.map((s) => [s.name, 0]));
  // per-stage CPU time (process.cpuUsage around each stage: wall time per stage means little on a
  // shared machine, CPU time is what the stage costs); keyed by the wall-time record it goes with
  const zero = () => Object.fromEntries(stages.map((s) => [s.name, 0])) as Record<string, number>;
  const cpuOf = new Map<Record<string, number>, Record<string, number>>([[stageMs, zero()], [stageMsNew, zero()]]);
  const pass = (timed: boolean, list: RawArticle[] = articles, into: Record<string, number> = stageMs): { tokens: number; chars: number } => {
    const cpuInto = cpuOf.get(into);
    let tokens = 0;
    let chars = 0;
    for (const raw of list) {
      const doc = createDoc(raw);
      chars += doc.text.length;
      try {
        if (timed) {
          for (const s of stages) {
            const c = process.cpuUsage();
            const a = performance.now();
            s.run(doc, ctx);
            into[s.name] += performance.now() - a;
            if (cpuInto) {
              const d = process.cpuUsage(c);
              cpuInto[s.name] += (d.user + d.system) / 1000;
            }
          }
        } else {
          for (const s of stages) s.run(doc, ctx);
        }
      } catch (e) {
        if (timed) {
          errors++;
          firstError ??= `${raw.source.path}: ${(e as Error).message}`;
        }
      }
      tokens += doc.layers.tokens?.length ?? 0;
    }
    return { tokens, chars };
  };
  const halfA = articles.filter((_, i) => i % 2 === 0);
  const halfB = articles.filter((_, i) => i % 2 === 1);
  const timedPass = (list: RawArticle[], into?: Record<string, number>) => {
    const c0 = process.cpuUsage();
    const t = performance.now();
    const r = pass(true, list, into);
    const ms = performance.now() - t;
    const c = process.cpuUsage(c0);
    return { ...r, ms, cpuMs: (c.user + c.system) / 1000 };
  };
  const stageMsFirst: Record<string, number> = Object.fromEntries(stages.map((s) => [s.name, 0]));
  cpuOf.set(stageMsFirst, zero());
  let first = { tokens: 0, chars: 0, ms: 0, cpuMs: 0 };
  let warmN = 0;
  let warmMs = 0;
  if (mode === 'set') {
    // 1. first: half A in the fresh process
    first = timedPass(halfA, stageMsFirst);
  } else {
    // the long run: half A and other news text, untimed, before half B
    // (streamed: the warm-up articles are not kept, so only what the pipeline keeps counts in the RSS)
    pass(false, halfA);
    for await (const item of readInputs(warmFiles())) {
      if (!item.ok) continue;
      const tw = performance.now();
      pass(false, [item.article]);
      warmMs += performance.now() - tw;
      warmN++;
    }
  }
  // 2. new: half B, never seen by this process
  const fresh = timedPass(halfB, stageMsNew);
  // 3. repeat: every bench article, each seen once (the set run only)
  const all = mode === 'set' ? timedPass(articles) : fresh;
  const { tokens, chars, ms: totalMs, cpuMs } = all;
  return {
    config,
    stages: stages.map((s) => s.name),
    articles: articles.length,
    rejected,
    errors,
    tokens,
    chars,
    loadMs,
    readMs,
    warmMs,
    totalMs,
    cpuMs,
    articlesPerSec: articles.length / (totalMs / 1000),
    articlesPerCpuSec: articles.length / (cpuMs / 1000),
    tokensPerSec: tokens / (totalMs / 1000),
    tokensPerCpuSec: tokens / (cpuMs / 1000),
    stageMs,
    firstArticles: halfA.length,
    firstArticlesPerSec: halfA.length / (first.ms / 1000),
    firstArticlesPerCpuSec: halfA.length / (first.cpuMs / 1000),
    stageMsFirst,
    warmArticles: warmN,
    newArticles: halfB.length,
    newArticlesPerSec: halfB.length / (fresh.ms / 1000),
    newArticlesPerCpuSec: halfB.length / (fresh.cpuMs / 1000),
    stageMsNew,
    stageCpuMs: cpuOf.get(stageMs)!,
    stageCpuMsNew: cpuOf.get(stageMsNew)!,
    stageCpuMsFirst: cpuOf.get(stageMsFirst)!,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    firstError,
  };
}

interface JobsResult {
  jobs: number;
  articles: number;
  startMs: number;
  ms: number;
  cpuMs: number;
  /** CPU time of the main thread alone (reading, the workers' results, the article JSON) */
  mainCpuMs: number;
  articlesPerSec: number;
  maxRssMb: number;
  errors: number;
}

/** CPU time (ms) of one thread of this process, from /proc (Linux); null elsewhere */
function threadCpuMs(tid: number): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields 14 and 15 (utime, stime) counted from 1 with pid and comm: index 11 and 12 here
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/**
 * `--jobs N` as the CLI runs it (`loadEngine` of src/cli/commands/inputs.ts): N = 1 analyses in
 * this thread, N > 1 on an AnalysisPool of N worker threads; every bench article analysed once and
 * written out as article JSON (as `parley analyze --json` does, output discarded). Wall time counts
 * here (the point is using several cores); CPU time is that of every thread of the process, and of
 * the main thread alone (the part no worker can take over).
 */
async function jobsChild(n: number): Promise<JobsResult> {
  const { readInputs } = await import('../src/ingest/index.js');
  const articles: RawArticle[] = [];
  for await (const item of readInputs(inputFiles())) if (item.ok) articles.push(item.article);
  const { loadEngine } = await import('../src/cli/commands/inputs.js');
  const { toArticleJson } = await import('../src/contract/article.js');
  const t0 = performance.now();
  // as `analyze --json`: parley/article@1 holds no tokens, so the workers send none back
  const engine = await loadEngine(n, { tokens: 'none' });
  const startMs = performance.now() - t0;
  const c0 = process.cpuUsage();
  const m0 = threadCpuMs(process.pid);
  const t1 = performance.now();
  let errors = 0;
  let next = 0;
  let bytes = 0;
  const lane = async () => {
    while (next < articles.length) {
      const r = await engine.analyze(articles[next++]);
      if (!r.ok) errors++;
      else bytes += JSON.stringify(toArticleJson(r.doc)).length;
    }
  };
  await Promise.all(Array.from({ length: engine.window }, lane));
  const ms = performance.now() - t1;
  const c = process.cpuUsage(c0);
  const m1 = threadCpuMs(process.pid);
  await engine.close();
  if (!bytes) errors++;
  return {
    jobs: n,
    articles: articles.length,
    startMs,
    ms,
    cpuMs: (c.user + c.system) / 1000,
    mainCpuMs: m0 !== null && m1 !== null ? m1 - m0 : NaN,
    articlesPerSec: articles.length / (ms / 1000),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    errors,
  };
}

function runJobs(n: number): JobsResult | { jobs: number; failed: string } {
  const self = fileURLToPath(import.meta.url);
  // not pinned: N threads need N cores
  const r = spawnSync(process.execPath, [self, '--child', 'jobs', String(n)], { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (r.status !== 0 || !line) return { jobs: n, failed: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-6).join('\n') };
  return JSON.parse(line.slice('BENCH_RESULT '.length)) as JobsResult;
}

/**
 * How a child runs: pinned to one CPU (`taskset`, where there is one) with V8 told it has one thread
 * (`--single-threaded`: garbage collection and optimising compilation on the main thread), so its
 * articles per second are those of one core, V8's helper work included. Left to itself V8 runs
 * concurrent marking and compilation on the other cores: ~45 % more CPU time than the main thread's
 * wall time for the entities configuration. PARLEY_BENCH_FREE=1 runs children unpinned, V8 default.
 */
function childCommand(args: string[]): [string, string[]] {
  if (process.env.PARLEY_BENCH_FREE) return [process.execPath, args];
  const v8 = ['--single-threaded', ...args];
  if (hasTaskset()) return ['taskset', ['-c', String(Math.max(0, cpus().length - 1)), process.execPath, ...v8]];
  return [process.execPath, v8];
}

let taskset: boolean | undefined;
function hasTaskset(): boolean {
  return (taskset ??= spawnSync('taskset', ['--version']).status === 0);
}

function runChild(config: string, mode: 'set' | 'long'): Result | { config: string; failed: string } {
  const self = fileURLToPath(import.meta.url);
  const [cmd, argv] = childCommand([self, '--child', config, mode]);
  const r = spawnSync(cmd, argv, {
    cwd: projectRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (r.status !== 0 || !line) return { config, failed: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-6).join('\n') };
  return JSON.parse(line.slice('BENCH_RESULT '.length)) as Result;
}

/** the bench-set run of a configuration, with the long run's "new" pass and peak RSS beside it */
interface Combined extends Result {
  steady: { perSec: number; perCpuSec: number; stageMs: Record<string, number>; stageCpuMs: Record<string, number>; warmArticles: number; maxRssMb: number } | null;
}

function runConfig(config: string): Combined | { config: string; failed: string } {
  const set = runChild(config, 'set');
  if ('failed' in set) return set;
  const long = runChild(config, 'long');
  const steady =
    'failed' in long
      ? null
      : {
          perSec: long.newArticlesPerSec,
          perCpuSec: long.newArticlesPerCpuSec,
          stageMs: long.stageMsNew,
          stageCpuMs: long.stageCpuMsNew,
          warmArticles: long.warmArticles,
          maxRssMb: long.maxRssMb,
        };
  return { ...set, steady };
}

interface Cold {
  file: string;
  runs: number[];
  medianMs: number;
  /** CPU time (user + system) of each run, from /usr/bin/time where it exists (wall time on a shared machine is mostly load) */
  cpuRuns: number[];
  medianCpuMs: number | null;
  /** peak RSS of each run (MB), from /usr/bin/time */
  rssMb: number[];
  ok: boolean;
  error?: string;
}

function coldStart(): Cold | null {
  const main = join(projectRoot, 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(main) || !existsSync(SEEDS)) return null;
  const seed = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()[0];
  if (!seed) return null;
  const file = join(SEEDS, seed);
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  const rssMb: number[] = [];
  let error: string | undefined;
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const MARK = 'PARLEY_BENCH_TIME ';
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const argv = [main, 'analyze', file, '--json'];
    const r = timeBin
      ? spawnSync(timeBin, ['-f', `${MARK}%U %S %M`, process.execPath, ...argv], { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      : spawnSync(process.execPath, argv, { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    runs.push(performance.now() - t);
    const tl = (r.stderr || '').split('\n').find((l) => l.startsWith(MARK));
    if (tl) {
      const [u, s, m] = tl.slice(MARK.length).trim().split(/\s+/).map(Number);
      cpuRuns.push((u + s) * 1000);
      rssMb.push(m / 1024);
    }
    if (r.status !== 0) error ??= `exit ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}`;
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { file: `seeds/${seed}`, runs, medianMs: med(runs), cpuRuns, medianCpuMs: cpuRuns.length ? med(cpuRuns) : null, rssMb, ok: !error, error };
}

function fmt(n: number, d = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

function table(rows: string[][]): string {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(w[c]) : cell.padStart(w[c]))).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const ci = args.indexOf('--child');
  if (ci >= 0 && args[ci + 1] === 'jobs') {
    const r = await jobsChild(Math.max(1, Number(args[ci + 2]) || 1));
    process.stdout.write(`BENCH_RESULT ${JSON.stringify(r)}\n`);
    return;
  }
  if (ci >= 0) {
    const r = await child(args[ci + 1] ?? 'full', args[ci + 2] === 'long' ? 'long' : 'set');
    process.stdout.write(`BENCH_RESULT ${JSON.stringify(r)}\n`);
    return;
  }
  const oi = args.indexOf('--only');
  const configs = oi >= 0 ? [args[oi + 1]] : ['tokens', 'morph', 'entities', 'full', 'jobs'];
  const results = configs.filter((c) => c !== 'jobs').map(runConfig);
  const jobs = configs.includes('jobs') ? [runJobs(1), runJobs(2)] : [];
  const cold = oi >= 0 ? null : coldStart();
  if (args.includes('--json')) {
    console.log(JSON.stringify({ results, jobs, cold }, null, 2));
    return;
  }
  const si = args.indexOf('--save');
  if (si >= 0 && args[si + 1]) writeFileSync(args[si + 1], JSON.stringify({ results, jobs, cold, loadavg: loadavg() }, null, 2));
  const ok = results.filter((r): r is Combined => !('failed' in r));
  console.log(
    `Parley bench — node ${process.version}, fresh processes per configuration, ` +
      (process.env.PARLEY_BENCH_FREE ? 'V8 default threads, unpinned' : `each on one core (${hasTaskset() ? 'taskset' : 'not pinned: no taskset'}, node --single-threaded)`),
  );
  if (ok[0]) {
    console.log(
      `input: ${ok[0].articles} articles (${fmt(ok[0].chars / 1e6, 2)} M chars) from ${RAW} + ${SEEDS}` +
        (ok[0].rejected ? `, ${ok[0].rejected} rejected by ingest` : ''),
    );
  }
  console.log('');
  const rows: string[][] = [
    ['config', 'stages', 'load ms', 'first art/cpu-s', 'new art/cpu-s', 'long-run new art/cpu-s', 'repeat art/s', 'repeat art/cpu-s', 'tok/cpu-s', 'peak RSS MB', 'long-run RSS MB', 'errors'],
  ];
  for (const r of ok) {
    rows.push([
      r.config,
      String(r.stages.length),
      fmt(r.loadMs),
      fmt(r.firstArticlesPerCpuSec),
      fmt(r.newArticlesPerCpuSec),
      r.steady ? fmt(r.steady.perCpuSec) : '-',
      fmt(r.articlesPerSec),
      fmt(r.articlesPerCpuSec),
      fmt(r.tokensPerCpuSec),
      fmt(r.maxRssMb),
      r.steady ? fmt(r.steady.maxRssMb) : '-',
      String(r.errors),
    ]);
  }
  console.log(table(rows));
  const w = ok[0]?.steady?.warmArticles ?? 0;
  console.log(
    `art/s: wall clock; art/cpu-s, tok/cpu-s: per second of CPU time = per core. Bench-set run: first = half A right after\n` +
      `loading (JIT cold, caches empty), new = half B (never seen; the process has read half A), repeat = all, each seen once;\n` +
      `peak RSS of that run. Long run (another process): half A and ${fmt(w)} other news texts (NEREL, factRuEval, NER-UK,\n` +
      `BSNLP 2017) read untimed, then half B timed: the steady state of a long-running process on unseen articles, and its peak RSS`,
  );
  for (const r of results) if ('failed' in r) console.log(`\n${r.config}: FAILED\n${r.failed}`);
  for (const r of ok) {
    const per = (ms: Record<string, number>, n: number) => Object.entries(ms).map(([s, x]) => `${s} ${fmt((1000 * x) / n, 0)} µs`).join(', ');
    const pad = ' '.repeat(r.config.length);
    console.log(`\n${r.config}: CPU time per article, new: ${per(r.stageCpuMsNew, r.newArticles)}`);
    if (r.steady) console.log(`${pad}  long-run new: ${per(r.steady.stageCpuMs, r.newArticles)}`);
    console.log(`${pad}  first: ${per(r.stageCpuMsFirst, r.firstArticles)}`);
    console.log(`${pad}  repeat: ${per(r.stageCpuMs, r.articles)}  (${fmt(r.tokens)} tokens)`);
    console.log(`${pad}  wall time per article, new: ${per(r.stageMsNew, r.newArticles)}; repeat: ${per(r.stageMs, r.articles)}`);
    // the issue-5 figure: what the time and events stages add to the per-article time of the others
    if ('time' in r.stageMs && 'events' in r.stageMs) {
      const share = (ms: Record<string, number>) => {
        const te = ms.time + ms.events;
        const rest = Object.entries(ms).filter(([k]) => k !== 'time' && k !== 'events').reduce((a, [, x]) => a + x, 0);
        return rest > 0 ? `${fmt((100 * te) / rest, 1)}%` : '-';
      };
      console.log(`${' '.repeat(r.config.length)}  time+events add ${share(r.stageCpuMs)} to the other stages (new articles: ${share(r.stageCpuMsNew)})`);
    }
    if (r.firstError) console.log(`  first error: ${r.firstError}`);
  }
  if (jobs.length) {
    const okJobs = jobs.filter((j): j is JobsResult => !('failed' in j));
    /** articles/s this run's CPU figures allow on 2 idle cores: all threads share 2 cores, the main thread has 1 */
    const bound = (j: JobsResult) => j.articles / Math.max(j.cpuMs / 2, j.mainCpuMs || 0) * 1000;
    for (const j of jobs) {
      if ('failed' in j) console.log(`\n--jobs ${j.jobs}: FAILED\n${j.failed}`);
      else
        console.log(
          `\n--jobs ${j.jobs} (${j.jobs > 1 ? `${j.jobs} worker threads` : 'in this thread'}, unpinned, ${j.articles} articles once, article JSON made): ${fmt(j.articlesPerSec, 1)} art/s wall, ` +
            `${fmt(j.articles / (j.cpuMs / 1000), 1)} art/cpu-s (all threads), main thread ${fmt(j.mainCpuMs / j.articles, 2)} ms CPU/article, ` +
            `2-idle-core bound ${fmt(bound(j), 1)} art/s; loaded in ${fmt(j.startMs)} ms, peak RSS ${fmt(j.maxRssMb)} MB` +
            (j.errors ? `, ${j.errors} errors` : ''),
        );
    }
    if (okJobs.length === 2) {
      const [a, b] = okJobs;
      console.log(
        `--jobs 2 / --jobs 1: ${fmt(b.articlesPerSec / a.articlesPerSec, 2)}x wall-clock throughput (load average now ${loadavg()[0].toFixed(1)}: ` +
          `means something only on 2 idle cores); from CPU times, the bound on 2 idle cores: ${fmt(bound(b) / bound(a), 2)}x; ` +
          `the worker threads add ${fmt(b.maxRssMb - a.maxRssMb)} MB of peak RSS over analysing in this thread`,
      );
    }
  }
  if (cold) {
    console.log(
      `\ncold start: node dist/src/cli/main.js analyze ${cold.file} --json — median ${fmt(cold.medianMs)} ms wall over ${cold.runs.length} runs` +
        ` (${cold.runs.map((x) => fmt(x)).join(', ')})` +
        (cold.medianCpuMs !== null ? `; CPU median ${fmt(cold.medianCpuMs)} ms (${cold.cpuRuns.map((x) => fmt(x)).join(', ')}), peak RSS ${cold.rssMb.map((x) => fmt(x)).join(', ')} MB` : '') +
        `${cold.ok ? '' : `  FAILED: ${cold.error}`}`,
    );
  } else if (oi < 0) {
    console.log('\ncold start: dist/src/cli/main.js not built (npm run build)');
  }
}

main().catch((e: unknown) => {
  console.error(`bench: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
