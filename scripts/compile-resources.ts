/**
 * Fills the compiled-resource cache (`src/pipeline/compiled.ts`) after `npm run build`: loads the
 * default pipeline and analyses one short article per language, so every resource that is built
 * on first use is built now and stored, and the search side's KB name index. Best-effort: a failure here only means the first run of
 * `parley` builds them instead.
 *
 *   node dist/scripts/compile-resources.js      (run by `npm run build`)
 */
import { cacheDir } from '../src/pipeline/compiled.js';
import type { RawArticle } from '../src/doc/model.js';
import { createPipeline } from '../src/pipeline/index.js';
import { KbNames } from '../src/store/lemmatizer.js';
import { loadWordTable } from '../src/store/terms.js';

const SAMPLES: RawArticle[] = [
  { id: 'compile-ru', text: 'Президент России провёл телефонный разговор с канцлером Германии.', published: '2025-01-01', title: null, source: {} },
  { id: 'compile-uk', text: 'Президент України провів телефонну розмову з канцлером Німеччини.', published: '2025-01-01', title: null, source: {} },
  { id: 'compile-en', text: 'The President of France spoke by phone with the German chancellor.', published: '2025-01-01', title: null, source: {} },
];

async function main(): Promise<void> {
  const dir = cacheDir();
  if (!dir) {
    console.log('compile-resources: cache disabled (PARLEY_CACHE=off)');
    return;
  }
  const t0 = performance.now();
  const pipe = await createPipeline();
  for (const s of SAMPLES) pipe.analyze(s);
  KbNames.load(); // the query side's name index (`parley search`)
  loadWordTable(); // and its uk<->ru word table
  console.log(`compile-resources: resources compiled into ${dir} (${Math.round(performance.now() - t0)} ms)`);
}

main().catch((e: Error) => {
  console.warn(`compile-resources: skipped (${e.message})`);
});
