/**
 * Quotes on the five seed articles (full pipeline, scored by ../shared/eval/score.py): `quotes`
 * (span F1: at least half of each span overlaps the other), `quotes_with_speaker`, `quote_kind_acc`,
 * plus the quotes stage's share of per-article time. The seeds are for checking, never for fitting.
 *
 *   npm run eval -- quotes
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDoc } from '../src/doc/create.js';
import { readInputs } from '../src/ingest/index.js';
import { createPipeline, projectRoot } from '../src/pipeline/index.js';
import { runQuotes } from '../src/quotes/index.js';
import { seedScores } from './time.eval.js';

const SHARED = join(projectRoot, '..', 'shared');

export default async function run(): Promise<void> {
  const { report, jsonl } = await seedScores();
  console.log(`  quotes              ${JSON.stringify(report.quotes)}`);
  console.log(`  quotes_with_speaker ${JSON.stringify(report.quotes_with_speaker)}`);
  console.log(`  quote_kind_acc      ${report.quote_kind_acc}`);
  console.log(`  (output: ${jsonl})`);

  // time share: the whole pipeline per article vs the quotes stage alone, on the seeds and a
  // sample of SlavicNER raw news (ru/uk), so the figure is not five texts only
  const pipe = await createPipeline();
  const texts: { text: string; lang?: string }[] = [];
  for await (const item of readInputs([join(SHARED, 'seeds')])) if (item.ok) texts.push({ text: item.article.text });
  const slav = join(SHARED, 'data/slavicner/raw/brexit');
  for (const lang of ['ru', 'uk']) {
    const { readdirSync } = await import('node:fs');
    const dir = join(slav, lang);
    for (const f of readdirSync(dir).sort().slice(0, 40)) texts.push({ text: readFileSync(join(dir, f), 'utf8') });
  }
  // warm-up
  for (const t of texts.slice(0, 3)) pipe.analyze({ source: {}, published: null, title: null, text: t.text });
  let total = 0;
  let quotesMs = 0;
  let nQuotes = 0;
  for (const t of texts) {
    const t0 = process.hrtime.bigint();
    const doc = pipe.analyze({ source: {}, published: null, title: null, text: t.text });
    const t1 = process.hrtime.bigint();
    // the stage again on the analysed document, timed alone
    const copy = createDoc({ source: {}, published: null, title: null, text: t.text });
    copy.lang = doc.lang;
    copy.layers = { ...doc.layers };
    const t2 = process.hrtime.bigint();
    runQuotes(copy, pipe.ctx);
    const t3 = process.hrtime.bigint();
    total += Number(t1 - t0) / 1e6;
    quotesMs += Number(t3 - t2) / 1e6;
    nQuotes += copy.layers.quotes?.length ?? 0;
  }
  const n = texts.length;
  console.log(
    `  speed: ${n} articles, pipeline ${(total / n).toFixed(1)} ms/article, quotes stage ${(quotesMs / n).toFixed(2)} ms/article ` +
      `(${((100 * quotesMs) / Math.max(1e-9, total - quotesMs)).toFixed(1)}% on top of the rest), ${nQuotes} quotes`,
  );
}
