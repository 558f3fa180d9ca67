/**
 * The "stories" check set (`eval/stories/`, see its README): eight articles written for the project
 * from other diplomatic stories than the seeds, with hand-written gold in the seed gold's format.
 * Full pipeline, scored by ../shared/eval/score.py; then every gold event and quote the system missed,
 * so a rule can be traced to the language it lacks. A check of generalisation, never a fitting set.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toArticleJson } from '../src/contract/article.js';
import { readInputs } from '../src/ingest/index.js';
import { createPipeline, projectRoot } from '../src/pipeline/index.js';

const SHARED = join(projectRoot, '..', 'shared');
const DIR = join(projectRoot, 'eval', 'stories');

interface GoldEvent { type: string; actors: (string | string[])[]; status: string | string[]; evidence: string; optional?: boolean; mode?: string | string[] }

export default async function run(): Promise<void> {
  const pipe = await createPipeline();
  const lines: string[] = [];
  const out = new Map<string, ReturnType<typeof toArticleJson>>();
  for await (const item of readInputs(readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => join(DIR, f)))) {
    if (!item.ok) throw new Error(`${item.input}: ${item.error}`);
    const a = toArticleJson(pipe.analyze(item.article));
    out.set(item.input.split('/').pop()!.replace(/\.txt$/, ''), a);
    lines.push(JSON.stringify(a));
  }
  const jsonl = join(mkdtempSync(join(tmpdir(), 'parley-stories-')), 'stories.jsonl');
  writeFileSync(jsonl, lines.join('\n') + '\n');
  const r = spawnSync('python3', [join(SHARED, 'eval', 'score.py'), jsonl, join(DIR, 'gold')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scorer failed: ${r.stderr}`);
  console.log(r.stdout.replace(/^/gm, '  ').trimEnd());
  // what was missed: gold events whose evidence no system event of that type overlaps
  for (const [stem, a] of out) {
    const gold = JSON.parse(readFileSync(join(DIR, 'gold', `${stem}.json`), 'utf8')) as { events: GoldEvent[] };
    const evs = (a as unknown as { text: string; events: { type: string; start: number; end: number }[] });
    for (const g of gold.events) {
      if (g.optional) continue;
      const at = evs.text.indexOf(g.evidence);
      const hit = evs.events.some((e) => e.type === g.type && at >= 0 && e.start < at + g.evidence.length && at < e.end);
      if (!hit) console.log(`  missed ${stem}: ${g.type} ${JSON.stringify(g.actors)} ${JSON.stringify(g.status)} «${g.evidence}»`);
    }
  }
}
