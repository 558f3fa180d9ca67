/**
 * PLOVER event type accuracy on the English gold standard records
 * (../shared/data/plover/gsr_dev.json, from the PLOVER repository, CC BY-SA 4.0): each record's
 * sentence runs through the pipeline up to the morphology and `classifyEventType` names its
 * category from the same trigger lexicon the events stage uses. Prints accuracy overall and per
 * category. Dev records are for checking, never for fitting.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyEventType } from '../src/events/classify.js';
import { createPipeline, projectRoot } from '../src/pipeline/index.js';

interface Gsr {
  id: string;
  date?: string;
  event: string;
  text: string;
}

export default async function run(): Promise<void> {
  const path = join(projectRoot, '..', 'shared', 'data', 'plover', 'gsr_dev.json');
  const recs = JSON.parse(readFileSync(path, 'utf8')) as Gsr[];
  const pipe = await createPipeline({ upTo: 'morph' });
  let ok = 0;
  const per = new Map<string, { n: number; ok: number }>();
  const confusion = new Map<string, number>();
  for (const r of recs) {
    const doc = pipe.analyze({ source: { format: 'text' }, published: r.date ?? null, title: null, text: r.text, lang: 'en' });
    doc.lang = 'en';
    const got = classifyEventType(doc);
    const p = per.get(r.event) ?? { n: 0, ok: 0 };
    p.n++;
    if (got === r.event) {
      ok++;
      p.ok++;
    } else confusion.set(`${r.event}->${got}`, (confusion.get(`${r.event}->${got}`) ?? 0) + 1);
    per.set(r.event, p);
  }
  console.log(`  plover_type_acc ${(ok / recs.length).toFixed(3)} (${ok}/${recs.length})`);
  console.log(`  per type: ${[...per].sort((a, b) => b[1].n - a[1].n).map(([k, v]) => `${k} ${v.ok}/${v.n}`).join(', ')}`);
  console.log(`  top confusions: ${[...confusion].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}
