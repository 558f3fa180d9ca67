/**
 * Temporal expressions on the five seed articles: runs the full pipeline on ../shared/seeds,
 * writes parley/article@1 JSON Lines and prints `times` (span F1) and `time_value_acc` from
 * ../shared/eval/score.py. These five texts are for checking, never for fitting.
 * `seedScores()` is shared with events.eval.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toArticleJson } from '../src/contract/article.js';
import { createDoc } from '../src/doc/create.js';
import { readInputs } from '../src/ingest/index.js';
import { createPipeline, projectRoot } from '../src/pipeline/index.js';

const SHARED = join(projectRoot, '..', 'shared');

export interface SeedRun {
  report: Record<string, unknown>;
  jsonl: string;
  msPerArticle: number;
  stages: string[];
  /** total ms per stage over the seeds (one cold pass: indicative only; `npm run bench` measures speed) */
  stageMs: Map<string, number>;
}

let cached: Promise<SeedRun> | null = null;

/** Analyse the seeds once per process and score them. */
export function seedScores(): Promise<SeedRun> {
  cached ??= (async () => {
    const pipe = await createPipeline();
    const lines: string[] = [];
    let n = 0;
    const t0 = Date.now();
    const stageMs = new Map<string, number>();
    for await (const item of readInputs([join(SHARED, 'seeds')])) {
      if (!item.ok) throw new Error(`${item.input}: ${item.error}`);
      // the stages one by one (what Pipeline.analyze does), timed each
      const doc = createDoc(item.article);
      for (const s of pipe.stages) {
        const t = performance.now();
        s.run(doc, pipe.ctx);
        stageMs.set(s.name, (stageMs.get(s.name) ?? 0) + performance.now() - t);
      }
      lines.push(JSON.stringify(toArticleJson(doc)));
      n++;
    }
    const ms = (Date.now() - t0) / Math.max(1, n);
    const dir = mkdtempSync(join(tmpdir(), 'parley-seeds-'));
    const jsonl = join(dir, 'seeds.jsonl');
    writeFileSync(jsonl, lines.join('\n') + '\n');
    const r = spawnSync('python3', [join(SHARED, 'eval', 'score.py'), jsonl, join(SHARED, 'eval', 'gold'), '--json'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`scorer failed: ${r.stderr}`);
    return { report: JSON.parse(r.stdout) as Record<string, unknown>, jsonl, msPerArticle: ms, stages: pipe.stages.map((s) => s.name), stageMs };
  })();
  return cached;
}

export default async function run(): Promise<void> {
  const { report, jsonl, stages } = await seedScores();
  console.log(`  stages: ${stages.join(' > ')}`);
  console.log(`  times          ${JSON.stringify(report.times)}`);
  console.log(`  time_value_acc ${report.time_value_acc}`);
  console.log(`  (output: ${jsonl})`);
}
