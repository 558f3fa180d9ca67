// Search across languages on real news (SlavicNER nord_stream, ru and uk): a query in one language
// finds the articles that name the same person or thing in the other (Путин -> Путін, газопровод ->
// газопровід), and query expansion adds only forms the dictionaries allow (the morphology's
// dictionaries and the KB's names): no guessed readings of unknown words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPipeline } from '../../src/pipeline/index.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { morphLemmatizer } from '../../src/store/lemmatizer.js';
import { expandQuery } from '../../src/store/terms.js';

const RAW = join(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared', 'data', 'slavicner', 'raw');
const pipe = await createPipeline();
const lemmatizer = morphLemmatizer(pipe.ctx.get('morph'));
const lemmasOf = (w: string) => expandQuery(w, lemmatizer)[0].lemmas;

test('expansion adds only what the dictionaries allow', () => {
  // an unknown word: the KB's name form (Брексита -> Брексит), not the guesser's сито / рексит
  const brexit = lemmasOf('Брексита');
  assert.ok(brexit.includes('брексит'), JSON.stringify(brexit));
  for (const bad of ['сито', 'рексит']) assert.ok(!brexit.includes(bad), JSON.stringify(brexit));
  // a word the Ukrainian dictionary knows: no Russian guess of it (the non-word зеленськие)
  const z = lemmasOf('Зеленський');
  assert.ok(z.includes('зеленський') && !z.includes('зеленськие'), JSON.stringify(z));
  // dictionary words keep their lemmas
  assert.ok(lemmasOf('Макрона').includes('макрон'));
  assert.ok(lemmasOf('газопровода').includes('газопровод'));
  // an unknown word that is no name: only itself
  assert.deepEqual(lemmasOf('Шмурдяковщины'), ['шмурдяковщины']);
});

test('expansion across languages: a name in the other languages, a cognate through the word table', () => {
  const putin = lemmasOf('Путин');
  for (const x of ['путин', 'путін', 'putin']) assert.ok(putin.includes(x), JSON.stringify(putin));
  const putinUk = lemmasOf('Путіна');
  for (const x of ['путін', 'путин', 'putin']) assert.ok(putinUk.includes(x), JSON.stringify(putinUk));
  const en = lemmasOf('Putin');
  for (const x of ['путин', 'путін']) assert.ok(en.includes(x), JSON.stringify(en));
  assert.ok(lemmasOf('газопровод').includes('газопровід'));
  assert.ok(lemmasOf('газопроводі').includes('газопровод'));
  // into English only the same name in Latin letters: Мэй is not the modal "may"
  assert.ok(!lemmasOf('Мэй').includes('may'));
  // no cross-language expansion when asked
  assert.deepEqual(expandQuery('Путин', lemmatizer, undefined, { crossLingual: false })[0].lemmas.sort(), ['путин', 'путина']);
});

test('search for Путин finds Ukrainian articles that say Путін, and the other way round (real articles)', async () => {
  const store = new SqliteStore(':memory:', { lemmatizer });
  for (const lang of ['ru', 'uk']) {
    const dir = join(RAW, 'nord_stream', lang);
    for (const f of readdirSync(dir).sort().slice(0, lang === 'ru' ? 60 : 40))
      store.putSync(pipe.analyze({ id: `${lang}/${f}`, source: { path: f }, published: null, title: null, text: readFileSync(join(dir, f), 'utf8'), lang }));
  }
  const ru = await store.search({ text: 'Путин', limit: 1000 });
  const ukHits = ru.hits.filter((h) => h.lang === 'uk');
  assert.ok(ukHits.length >= 1, 'a Ukrainian article found by Путин');
  for (const h of ukHits) assert.ok(h.matches.some((m) => /^Путін/.test(m.text)), JSON.stringify(h.matches));
  assert.ok(ru.hits.some((h) => h.lang === 'ru' && h.matches.some((m) => /^Путин/.test(m.text))));

  const uk = await store.search({ text: 'Путін', limit: 1000 });
  assert.deepEqual(new Set(uk.hits.map((h) => h.id)), new Set(ru.hits.map((h) => h.id)));

  // a common word through the cognate table: газопровод finds газопровід
  const gas = await store.search({ text: 'газопровод', limit: 1000 });
  const ukGas = gas.hits.filter((h) => h.lang === 'uk');
  assert.ok(ukGas.length >= 3, `${ukGas.length} uk hits`);
  assert.ok(ukGas.some((h) => h.matches.some((m) => /^газопров[іо]д/i.test(m.text))));
  // the lang filter still restricts to one language
  const onlyRu = await store.search({ text: 'Путін', lang: 'ru', limit: 1000 });
  assert.ok(onlyRu.hits.length > 0 && onlyRu.hits.every((h) => h.lang === 'ru'));
  await store.close();
});
