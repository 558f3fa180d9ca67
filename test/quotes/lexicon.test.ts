// The cue lexicons are data files by lemma; every inflected form reaches them through the morphology.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fallbackVerbLemma, lexiconFor } from '../../src/quotes/lexicon.js';
import { analyze } from './helpers.js';

test('the ru/uk/en lexicons load and hold lemmas, not forms', () => {
  for (const l of ['ru', 'uk', 'en']) {
    const lex = lexiconFor(l);
    assert.ok(lex, l);
    assert.ok(lex.verbs.size > 40, `${l}: verbs`);
  }
  assert.ok(lexiconFor('ru')!.verbs.has('заявить'));
  assert.ok(!lexiconFor('ru')!.verbs.has('заявил'));
  assert.ok(lexiconFor('uk')!.verbs.has('наголосити'));
  assert.ok(lexiconFor('en')!.verbs.has('say'));
  assert.equal(lexiconFor('de'), null);
});

test('every form of a cue verb matches through its lemma', async () => {
  const forms = ['заявил', 'заявила', 'заявили', 'заявляет', 'заявлял'];
  for (const f of forms) {
    const d = await analyze(`Министр иностранных дел Сергей Лавров ${f}, что переговоры продолжатся в ближайшие недели.`);
    assert.ok((d.layers.quotes ?? []).some((q) => q.text.startsWith('переговоры продолжатся')), f);
  }
  for (const f of ['наголосив', 'наголосила', 'наголошує', 'зазначив', 'повідомив', 'додала']) {
    const d = await analyze(`Міністр закордонних справ Андрій Сибіга ${f}, що переговори триватимуть найближчими тижнями.`);
    assert.ok((d.layers.quotes ?? []).some((q) => q.text.startsWith('переговори триватимуть')), f);
  }
});

test('the author’s own voice is not a cue: Напомним, что … / Нагадаємо, що …', async () => {
  const d = await analyze('Напомним, что Москва категорически отвергает возможность присутствия войск НАТО на территории Украины.');
  assert.equal((d.layers.quotes ?? []).length, 0);
  const u = await analyze('Нагадаємо, що Москва категорично відкидає можливість присутності військ НАТО в Україні.');
  assert.equal((u.layers.quotes ?? []).length, 0);
});

test('without a lemma, a conservative stem + ending match stands in', () => {
  const ru = lexiconFor('ru')!;
  assert.equal(fallbackVerbLemma(ru, 'отметил'), 'отметить');
  assert.equal(fallbackVerbLemma(ru, 'цитирует'), 'цитировать');
  assert.equal(fallbackVerbLemma(ru, 'отметка'), null);
  assert.equal(fallbackVerbLemma(lexiconFor('en')!, 'said'), 'say');
  assert.equal(fallbackVerbLemma(lexiconFor('uk')!, 'припустив'), 'припустити');
});
