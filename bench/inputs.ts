/**
 * The bench set's files, in one place for the bench (bench.ts), the JIT trace (jit.ts), the quotes
 * stage bench (quotes.ts) and the output-identity check (scripts/compare-outputs.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/pipeline/resources.js';

export const SHARED = join(projectRoot, '..', 'shared');
export const RAW = join(SHARED, 'data', 'slavicner', 'raw');
export const SEEDS = join(SHARED, 'seeds');

/** every ru and uk text file of the SlavicNER raw folder, plus the seeds */
export function inputFiles(): string[] {
  const files: string[] = [];
  if (existsSync(RAW)) {
    for (const topic of readdirSync(RAW).sort()) {
      for (const lang of ['ru', 'uk']) {
        const dir = join(RAW, topic, lang);
        if (!existsSync(dir)) continue;
        for (const f of readdirSync(dir).sort()) if (f.endsWith('.txt')) files.push(join(dir, f));
      }
    }
  }
  if (existsSync(SEEDS)) for (const f of readdirSync(SEEDS).sort()) if (f.endsWith('.txt')) files.push(join(SEEDS, f));
  return files;
}

/** the bench set plus samples/ and eval/stories/ (English articles too): the output-identity set */
export function benchFiles(): string[] {
  const files = inputFiles();
  for (const d of [join(projectRoot, 'samples'), join(projectRoot, 'eval', 'stories')]) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).sort()) if (/\.(txt|html|jsonl|rss)$/.test(f)) files.push(join(d, f));
  }
  return files;
}
