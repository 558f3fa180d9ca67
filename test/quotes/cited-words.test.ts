/**
 * `приводит (его) слова X`, `наводить слова X`: an outlet cites somebody's words; the words' owner (a name, a role
 * in the genitive, a possessive pronoun) speaks, the outlet relays. Sentences from SlavicNER raw news
 * (../shared/data/slavicner/raw, not eval/news).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, quoteStarting, speakerName, spansConsistent } from './helpers.js';

test('cited words (ru): `«A, — приводит его слова газета. — B»` is the pronoun\'s antecedent\'s quote, both halves', async () => {
  const doc = await analyze(
    'Премьер-министр Канады Джастин Трюдо заявил, что страна ведет переговоры с Пакистаном по поводу многодетной матери, христианки Азии Биби, казни которой требуют жители мусульманского государства. Об этом сообщает The Guardian во вторник, 13 ноября. «Мы обсуждаем это с пакистанским правительством, — приводит его слова газета. — Ситуация очень деликатная, поэтому я не могу больше ничего сказать, но я напоминаю, что Канада — гостеприимная страна».',
    'ru',
  );
  const a = quoteStarting(doc, 'Мы обсуждаем это');
  const b = quoteStarting(doc, 'Ситуация очень деликатная');
  assert.match(speakerName(doc, a) ?? '', /Трюдо/);
  assert.match(speakerName(doc, b) ?? '', /Трюдо/);
  assert.ok(a?.rules?.includes('ru.cue.приводить'), JSON.stringify(a?.rules));
  assert.ok(spansConsistent(doc));
});

test('cited words (ru): `…, приводит слова Климкина.` credits the clause before to the named minister', async () => {
  const doc = await analyze(
    'Киев готов участвовать в конструктивном диалоге в ходе трёхсторонних переговоров по газу и принять все соответствующие правила ЕС для украинской газовой транзитной системы в рамках данного вопроса, но будет настаивать на закупке транзитного газа на восточной границе Украины. Такое заявление сделал министр иностранных дел Украины Павел Климкин. Мы считаем, что будущий транзит должен основываться на прозрачных и эффективных правилах ЕС. Это, например, означает, что газ будет покупаться на восточной границе Украины, газовые тарифы будут исчисляться на основе европейской методологии, приводит слова Климкина. При этом министр также заявил, что позиция Киева по транзиту газа через украинскую территорию и относительно европейской энергетической безопасности прозрачна.',
    'ru',
  );
  const q = (doc.layers.quotes ?? []).find((x) => x.cue?.lemma === 'приводить');
  assert.ok(q && q.text.includes('газ будет покупаться'), JSON.stringify(doc.layers.quotes?.map((x) => [x.text.slice(0, 40), x.cue?.text])));
  assert.match(speakerName(doc, q) ?? '', /Климкин/);
});

test('cited words (ru): `Газета X приводит слова представителя …: "…"` is the representative\'s, not the newspaper\'s', async () => {
  const doc = await analyze(
    'Газета Die Welt приводит слова представитель католической благотворительной организации Missio: "Асия Биби может приехать в Германию, это точно". В издании отмечается, что в ответ на запрос Евангелической службы печати, в МИД ответили, что в список стран, которые готовы принять Биби "безусловно, входит и Германия".',
    'ru',
  );
  const q = quoteStarting(doc, 'Асия Биби может приехать');
  assert.ok(q, JSON.stringify(doc.layers.quotes?.map((x) => x.text.slice(0, 40))));
  assert.equal(q?.cue?.lemma, 'приводить');
  // the newspaper relays; it is not the speaker
  assert.doesNotMatch(speakerName(doc, q) ?? '', /Welt/);
  assert.equal((doc.layers.attributions ?? []).some((a) => a.start === q!.start), false);
});
