/**
 * English reports without `that`: the words after the cue are a clause only when a finite verb of its own follows
 * (`said the talks were held`); an object with an infinitive or a participle (`announced her plan to support …`)
 * is what the cue's subject did, nobody's words. Sentences from PolNeAR news (../shared/data/polnear).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from './helpers.js';

test('zero-that (en): `announced her plan to support …`, `announced the creation of a website to explain …` quote nothing', async () => {
  const doc = await analyze(
    'This month in Iowa, Hillary Clinton announced her plan to support people with autism across their lifespans, bringing needed attention to this problem.\n' +
      'Reince Priebus, the GOP chairman, this past week announced the creation of a website to explain the process of a contested convention.',
    'en',
  );
  assert.deepEqual(
    (doc.layers.quotes ?? []).map((q) => q.text),
    [],
  );
});

test('zero-that (en): `said her colleague had not worked …` is still a clause with its speaker', async () => {
  const doc = await analyze('Lynch said her colleague had not worked on the case.', 'en');
  const q = (doc.layers.quotes ?? []).find((x) => x.text.startsWith('her colleague had not worked'));
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.ok(q.speaker, 'a speaker');
});
