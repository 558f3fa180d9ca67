import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDoc } from '../../src/doc/create.js';
import type { Token } from '../../src/doc/model.js';
import { Context } from '../../src/pipeline/context.js';
import { tokensStage } from '../../src/text/segment/index.js';
import { createMorphStage } from '../../src/text/morph/index.js';

const ctx = new Context();
const morphStage = createMorphStage();
morphStage.load?.(ctx);
tokensStage.load?.(ctx);

/** the word tokens of a sentence after the tokens and morph stages */
function analyse(text: string, lang: string): Token[] {
  const doc = createDoc({ source: {}, published: null, title: null, text, lang });
  tokensStage.run(doc, ctx);
  morphStage.run(doc, ctx);
  return (doc.layers.tokens ?? []).filter((t) => t.kind === 'word');
}

function tok(tokens: Token[], surface: string): Token {
  const t = tokens.find((x) => x.text === surface);
  assert.ok(t, `no token ${surface}`);
  return t;
}

test('ru: names and nouns in a news sentence get base forms, UD pos and features', () => {
  const ts = analyse(
    'В Кремле подтвердили возобновление контактов с Елисейским дворцом на техническом уровне, сообщил пресс-секретарь президента Дмитрий Песков. Ранее Владимир Путин провел телефонный разговор с Эммануэлем Макроном.',
    'ru',
  );
  assert.equal(tok(ts, 'Макроном').lemma, 'Макрон');
  assert.equal(tok(ts, 'Макроном').pos, 'PROPN');
  assert.equal(tok(ts, 'Макроном').tags?.Case, 'Ins');
  assert.equal(tok(ts, 'Эммануэлем').lemma, 'Эммануэль');
  assert.equal(tok(ts, 'Кремле').lemma, 'Кремль');
  assert.equal(tok(ts, 'Елисейским').lemma, 'елисейский');
  assert.equal(tok(ts, 'Елисейским').pos, 'ADJ');
  assert.deepEqual(
    [tok(ts, 'Елисейским').tags?.Case, tok(ts, 'Елисейским').tags?.Gender, tok(ts, 'Елисейским').tags?.Number],
    ['Ins', 'Masc', 'Sing'],
  );
  assert.equal(tok(ts, 'дворцом').lemma, 'дворец');
  assert.equal(tok(ts, 'контактов').lemma, 'контакт');
  assert.equal(tok(ts, 'контактов').tags?.Number, 'Plur');
  const v = tok(ts, 'сообщил');
  assert.equal(v.lemma, 'сообщить');
  assert.equal(v.pos, 'VERB');
  assert.equal(v.tags?.Tense, 'Past');
  assert.equal(tok(ts, 'Путин').tags?.NameType, 'Sur');
  assert.equal(tok(ts, 'с').pos, 'ADP');
});

test('ru: Пескову, заявил, and foreign names the dictionary does not know', () => {
  const ts = analyse(
    'Вопрос журналиста адресовали Пескову. Генсек НАТО Марк Рютте заявил, что говорил с Фридрихом Мерцем и с Педро Санчесу не звонил.',
    'ru',
  );
  assert.equal(tok(ts, 'Пескову').lemma, 'Песков');
  assert.equal(tok(ts, 'Пескову').tags?.Case, 'Dat');
  const z = tok(ts, 'заявил');
  assert.equal(z.lemma, 'заявить');
  assert.equal(z.pos, 'VERB');
  assert.equal(z.tags?.Tense, 'Past');
  assert.equal(tok(ts, 'Рютте').lemma, 'Рютте');
  assert.equal(tok(ts, 'Рютте').pos, 'PROPN');
  assert.equal(tok(ts, 'Мерцем').lemma, 'Мерц');
  assert.equal(tok(ts, 'Санчесу').lemma, 'Санчес');
  assert.equal(tok(ts, 'НАТО').lemma, 'НАТО');
});

test('uk: lemmas from the Hunspell table and the name guesser', () => {
  const ts = analyse(
    'Президент Володимир Зеленський заявив, що в Києві чекають на продовження переговорів. Він обговорив з генсеком НАТО Марком Рютте домовленості щодо Путіна, а також позицію Зеленського.',
    'uk',
  );
  assert.equal(tok(ts, 'Києві').lemma, 'Київ');
  assert.equal(tok(ts, 'Києві').pos, 'PROPN');
  assert.equal(tok(ts, 'переговорів').lemma, 'переговори');
  assert.equal(tok(ts, 'переговорів').tags?.Case, 'Gen');
  assert.equal(tok(ts, 'домовленості').lemma, 'домовленість');
  assert.equal(tok(ts, 'Зеленського').lemma, 'Зеленський');
  assert.equal(tok(ts, 'Зеленського').tags?.Case, 'Gen');
  assert.equal(tok(ts, 'Путіна').lemma, 'Путін');
  assert.equal(tok(ts, 'Рютте').lemma, 'Рютте');
  const v = tok(ts, 'заявив');
  assert.equal(v.lemma, 'заявити');
  assert.equal(v.pos, 'VERB');
  assert.equal(v.tags?.Tense, 'Past');
  assert.equal(tok(ts, 'що').pos, 'SCONJ');
  assert.equal(tok(ts, 'в').pos, 'ADP');
});

test('inflect: base forms of multiword names with agreement (ru, uk)', () => {
  const morph = ctx.get('morph');
  const nom = { Case: 'Nom' };
  assert.equal(morph.inflect('Эммануэлем', 'ru', nom), 'Эммануэль');
  assert.equal(morph.inflect('Макроном', 'ru', nom), 'Макрон');
  assert.equal(morph.inflect('Елисейским', 'ru', nom), 'Елисейский');
  assert.equal(morph.inflect('дворцом', 'ru', nom), 'дворец');
  assert.equal(morph.inflect('Северной', 'ru', nom), 'Северная');
  assert.equal(morph.inflect('Кореи', 'ru', nom), 'Корея');
  assert.equal(morph.inflect('Захаровой', 'ru', nom), 'Захарова');
  assert.equal(morph.inflect('Північної', 'uk', nom), 'Північна');
  assert.equal(morph.inflect('Кореї', 'uk', nom), 'Корея');
  assert.equal(morph.inflect('Зеленського', 'uk', nom), 'Зеленський');
  assert.equal(morph.inflect('Государственной', 'ru', nom), 'Государственная');
  assert.equal(morph.inflect('Соединенных', 'ru', nom), 'Соединенные');
  assert.equal(morph.inflect('Верховної', 'uk', nom), 'Верховна');
  assert.equal(morph.inflect('Ради', 'uk', nom), 'Рада');
  assert.equal(morph.inflect('Захаровою', 'uk', nom), 'Захарова');
  assert.equal(morph.inflect('Макрона', 'ru', { Case: 'Dat' }), 'Макрону');
  // a chosen analysis as the hint: the plural stays plural
  const ru = morph.analyze('переговорах', 'ru')[0];
  assert.equal(morph.inflect('переговорах', 'ru', nom, ru), 'переговоры');
});

test('context: the analysis chosen in the sentence is the hint for inflect (uk: Білого дому)', () => {
  const ts = analyse('Речник Білого дому заявив, що Сполучені Штати готові до переговорів у Стамбулі.', 'uk');
  const b = tok(ts, 'Білого');
  assert.equal(b.lemma, 'Білий');
  assert.equal(b.tags?.Gender, 'Masc');
  const morph = ctx.get('morph');
  assert.equal(morph.inflect('Білого', 'uk', { Case: 'Nom' }, { lemma: b.lemma!, pos: b.pos!, tags: b.tags!, source: 'dict' }), 'Білий');
  assert.equal(tok(ts, 'Штати').lemma, 'Штати');
  assert.equal(tok(ts, 'Стамбулі').lemma, 'Стамбул');
  const ru = analyse('Представитель Соединенных Штатов прибыл в Стамбул на переговоры.', 'ru');
  assert.equal(tok(ru, 'Штатов').lemma, 'Штаты');
});

test('one reading per article for a guessed name; function words at a sentence start', () => {
  const ts = analyse(
    'Об этом генеральный секретарь НАТО Марк Рютте заявил на пресс-конференции в Брюсселе. Как отметил Рютте, не он должен давать советы союзникам. Пока решения нет.',
    'ru',
  );
  for (const t of ts.filter((x) => x.text === 'Рютте')) assert.equal(t.lemma, 'Рютте');
  assert.equal(tok(ts, 'Пока').pos, 'ADV');
  const uk = analyse('Ми погодились на регулярне спілкування… Тому і спілкуємося телефоном, сказав Сергій Лавров. Пізніше слова Лаврова підтвердили в МЗС.', 'uk');
  assert.notEqual(tok(uk, 'Тому').pos, 'PROPN');
  assert.equal(tok(uk, 'Лаврова').lemma, 'Лавров');
});

test('analyze never returns nothing and marks the source', () => {
  const morph = ctx.get('morph');
  for (const [w, l] of [['Байден', 'ru'], ['Шольцу', 'uk'], ['ываывпа', 'ru'], ['Xiaomi', 'uk']] as const) {
    const as = morph.analyze(w, l);
    assert.ok(as.length > 0, w);
  }
  assert.equal(morph.analyze('Байден', 'ru')[0].lemma, 'Байден');
  assert.equal(morph.analyze('Байден', 'ru')[0].pos, 'PROPN');
  assert.equal(morph.analyze('Путин', 'ru')[0].source, 'dict');
});

test('en: lemmas and POS', () => {
  const ts = analyse('The foreign ministers said the talks were held in Brussels and countries agreed on new meetings.', 'en');
  assert.equal(tok(ts, 'ministers').lemma, 'minister');
  assert.equal(tok(ts, 'said').lemma, 'say');
  assert.equal(tok(ts, 'said').pos, 'VERB');
  assert.equal(tok(ts, 'talks').lemma, 'talk');
  assert.equal(tok(ts, 'were').lemma, 'be');
  assert.equal(tok(ts, 'held').lemma, 'hold');
  assert.equal(tok(ts, 'countries').lemma, 'country');
  assert.equal(tok(ts, 'Brussels').pos, 'PROPN');
  assert.equal(tok(ts, 'Brussels').lemma, 'Brussels');
  assert.equal(tok(ts, 'The').pos, 'DET');
  const ts2 = analyse("Russia's delegation met behind closed doors, and Rubio plans to visit Kyiv.", 'en');
  assert.equal(tok(ts2, 'closed').tags?.VerbForm, 'Part');
  assert.equal(tok(ts2, 'plans').pos, 'VERB');
  assert.equal(tok(ts2, 'visit').tags?.VerbForm, 'Inf');
  assert.equal(tok(ts2, 'met').lemma, 'meet');
});

test('uk: a genitive noun wins over an imperative of the same spelling (міністр оборони)', () => {
  const ts = analyse('Рустем Умєров провів телефонну розмову з міністром оборони США Пітом Гегсетом.', 'uk');
  assert.equal(tok(ts, 'оборони').lemma, 'оборона');
  assert.equal(tok(ts, 'оборони').pos, 'NOUN');
  // a real imperative with no noun reading stays a verb
  const imp = analyse('«Підтримай нас», — написав Зеленський.', 'uk');
  assert.equal(tok(imp, 'Підтримай').pos, 'VERB');
});
