// Indirect and mixed quotes: `X заявил, что …`, `Він вважає, що …`, `По словам X, …`, `За словами X, …`,
// `По его мнению, …`, `According to X, …`, `X said (that) …`, inverted `…, сказал X`, `об этом заявил X`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, quoteStarting, speakerName } from './helpers.js';

test('ru: X заявил, что … — the clause after что to the end of the sentence, without the period', async () => {
  const d = await analyze('В начале января Эммануэль Макрон заявил, что в ближайшие недели может провести разговор с Владимиром Путиным.');
  const q = quoteStarting(d, 'в ближайшие недели');
  assert.ok(q);
  assert.equal(q.text, 'в ближайшие недели может провести разговор с Владимиром Путиным');
  assert.equal(q.kind, 'indirect');
  assert.equal(q.cue?.lemma, 'заявить');
  assert.match(speakerName(d, q) ?? '', /Макрон/);
});

test('ru: сообщил телеканалу France 2, что "…" — a quote filling the clause is direct', async () => {
  const d = await analyze(
    'В начале января Макрон заявил, что планирует провести разговор с президентом РФ Владимиром Путиным. Он сообщил телеканалу France 2, что "идет работа по возобновлению этого контакта, который будет организован в ближайшие недели".',
  );
  const q = quoteStarting(d, 'идет работа');
  assert.ok(q);
  assert.equal(q.kind, 'direct');
  assert.equal(q.text, 'идет работа по возобновлению этого контакта, который будет организован в ближайшие недели');
  assert.match(speakerName(d, q) ?? '', /Макрон/);
});

test('ru: mixed — a reported clause made largely of the speaker’s own quoted words', async () => {
  const d = await analyze('Песков подчеркнул, что Россия "всегда была сторонницей поддержания диалога с европейскими столицами".');
  const q = quoteStarting(d, 'Россия "всегда');
  assert.ok(q);
  assert.equal(q.kind, 'mixed');
  assert.equal(q.text, 'Россия "всегда была сторонницей поддержания диалога с европейскими столицами"');
});

test('uk: a word or two in quotation marks leaves the clause indirect', async () => {
  const d = await analyze(
    'Лавров вважає, що основою для потенційної угоди про припинення агресії проти України повинні стати «домовленості», досягнуті під час саміту на Алясці.',
  );
  const q = quoteStarting(d, 'основою для потенційної');
  assert.ok(q);
  assert.equal(q.kind, 'indirect');
  assert.match(q.text, /«домовленості», досягнуті під час саміту на Алясці$/);
});

test('uk: Він вважає, що … / Лавров вважає, що …', async () => {
  const d = await analyze(
    'Президент Франції Емманюель Макрон виступив у Парижі. Він вважає, що європейські країни мають активно брати участь у мирному процесі.',
  );
  const q = quoteStarting(d, 'європейські країни');
  assert.ok(q);
  assert.equal(q.cue?.lemma, 'вважати');
  assert.match(speakerName(d, q) ?? '', /Макрон/);
});

test('ru: По словам X, … (real SlavicNER brexit sentence)', async () => {
  const d = await analyze('Министр по делам Brexit Дэвид Дэвис подал в отставку. По словам Дэвиса, кабинет в переговорах с Евросоюзом идет на слишком большое число уступок.');
  const q = quoteStarting(d, 'кабинет в переговорах');
  assert.ok(q);
  assert.equal(q.text, 'кабинет в переговорах с Евросоюзом идет на слишком большое число уступок');
  assert.equal(q.kind, 'indirect');
  assert.equal(q.cue?.lemma, 'по слово');
  assert.match(speakerName(d, q) ?? '', /Дэвис/);
});

test('ru: По мнению президента Франции, … — a role resolved through the KB holders', async () => {
  const d = await analyze(
    'Ранее Эммануэль Макрон в интервью ряду газет заявил, что предложил европейским коллегам подготовить возобновление диалога с Россией.\n\nПо мнению президента Франции, если европейские страны не возьмут на себя такие контакты с Москвой, то делегируют эту работу США.',
  );
  const q = quoteStarting(d, 'если европейские страны');
  assert.ok(q);
  assert.match(speakerName(d, q) ?? '', /Макрон/);
});

test('uk: За словами X, … and По его мнению-style possessive', async () => {
  const d = await analyze('Очільник МЗС України Андрій Сибіга прибув до Брюсселя. За його словами, партнери готові посилити тиск на Москву.');
  const q = quoteStarting(d, 'партнери готові');
  assert.ok(q);
  assert.match(speakerName(d, q) ?? '', /Сибіг/);
});

test('ru: inverted cue at the end: …, рассказал глава МИД Сергей Лавров', async () => {
  const d = await analyze('Россия сохраняет контакты с некоторыми европейскими странами, но их лидеры не предлагают ничего нового, рассказал глава МИД Сергей Лавров.');
  const q = quoteStarting(d, 'Россия сохраняет');
  assert.ok(q);
  assert.equal(q.text, 'Россия сохраняет контакты с некоторыми европейскими странами, но их лидеры не предлагают ничего нового');
  assert.match(speakerName(d, q) ?? '', /Лавров/);
});

test('ru: Как отметил X, … ; об этом заявил X credits the sentence before', async () => {
  const d = await analyze(
    'Инициативы, которые могут помочь положить конец войне, должны поощряться. Об этом генеральный секретарь НАТО Марк Рютте заявил на пресс-конференции в Брюсселе.\n\nКак отметил Рютте, не он должен давать советы союзникам по этому поводу.',
  );
  const a = quoteStarting(d, 'Инициативы, которые');
  assert.ok(a);
  assert.match(speakerName(d, a) ?? '', /Рютте/);
  const b = quoteStarting(d, 'не он должен');
  assert.ok(b);
  assert.match(speakerName(d, b) ?? '', /Рютте/);
});

test('en: X said (that) …, According to X, …', async () => {
  const d = await analyze(
    'White House spokesman Josh Earnest said Monday that President Barack Obama has long argued for tax reform. The device went off around 8:30 p.m., according to NYPD Commissioner James O’Neill.',
    'en',
  );
  const a = quoteStarting(d, 'President Barack Obama has');
  assert.ok(a);
  assert.equal(a.kind, 'indirect');
  assert.match(speakerName(d, a) ?? '', /Earnest/);
  const b = quoteStarting(d, 'The device went off');
  assert.ok(b);
  assert.equal(b.cue?.lemma, 'according to');
  // an institution the text does not name is a source too
  const e = await analyze('According to police, officers saw the suspect get out of a car with a handgun.', 'en');
  const q = quoteStarting(e, 'officers saw the suspect');
  assert.ok(q && q.cue?.lemma === 'according to');
});

test('en: told reporters / told Reuters on Monday / said in a statement, with or without `that`', async () => {
  const d = await analyze(
    'Kremlin spokesman Dmitry Peskov told reporters the Kremlin had not received any proposals from Washington. ' +
      'Russian Foreign Minister Sergei Lavrov said in a statement Russia was ready to resume talks with the United States. ' +
      'Ukrainian President Volodymyr Zelensky told a news conference in Kyiv that he was ready to meet Putin.',
    'en',
  );
  const a = quoteStarting(d, 'the Kremlin had not');
  assert.ok(a, 'told reporters + clause without that');
  assert.match(speakerName(d, a) ?? '', /Peskov/);
  const b = quoteStarting(d, 'Russia was ready');
  assert.ok(b, 'said in a statement + clause');
  assert.match(speakerName(d, b) ?? '', /Lavrov/);
  const c = quoteStarting(d, 'he was ready to meet');
  assert.ok(c, 'told a news conference in Kyiv that');
  assert.equal(c.text, 'he was ready to meet Putin');
  // several prepositional phrases before `that`
  const e = await analyze('Trump said during a Friday evening rally in Michigan that Clinton once described the deal as the gold standard.', 'en');
  const q = quoteStarting(e, 'Clinton once described');
  assert.ok(q, 'said during a … rally in Michigan that');
  const f = await analyze('The commission says on its website that there were issues regarding the audio.', 'en');
  assert.ok(quoteStarting(f, 'there were issues'), 'says on its website that');
  assert.match(speakerName(e, q) ?? '', /Trump/);
});

test('ru/uk: headline form `Name: statement` — a person or body before a colon at a paragraph start', async () => {
  const ru = await analyze('МИД РФ: США оказывают серьезное давление на Европу\n\nОфициальный представитель МИД России заявила об этом на брифинге.');
  const q = quoteStarting(ru, 'США оказывают');
  assert.ok(q);
  assert.equal(q.text, 'США оказывают серьезное давление на Европу');
  assert.match(speakerName(ru, q) ?? '', /МИД/);
  const uk = await analyze('Тереза Мей: Наступні сім днів будуть вирішальними для Великобританії\n\nПрем’єр-міністр звернулася до депутатів.');
  const q2 = quoteStarting(uk, 'Наступні сім днів');
  assert.ok(q2);
  assert.match(speakerName(uk, q2) ?? '', /Мей/);
  // a place before a colon is a topic or a dateline, not a speaker
  const topic = await analyze('Германия: клубы и спортзалы закрыты, рестораны работают только навынос\n\nВ стране вводятся новые ограничения.');
  assert.equal(quoteStarting(topic, 'клубы и спортзалы'), undefined);
});

test('en: relative clauses and appositions between subject and cue; an anonymous inner clause does not replace the speaker’s', async () => {
  const d = await analyze(
    'Chris Cox, who runs the NRA’s lobbying arm, says the actions would not have prevented any of the mass shootings. ' +
      'Hillary Clinton says many doubted her in Nevada but that she and her supporters never doubted each other. ' +
      'The Republican candidate says he’ll work to overturn the executive actions.',
    'en',
  );
  const a = quoteStarting(d, 'the actions would not');
  assert.ok(a);
  assert.match(speakerName(d, a) ?? '', /Cox/);
  const b = quoteStarting(d, 'many doubted her');
  assert.ok(b, 'the says-clause, not the inner doubted-clause');
  assert.match(speakerName(d, b) ?? '', /Clinton/);
  assert.ok(quoteStarting(d, 'he’ll work to overturn'), 'a pronoun with a clitic starts a clause');
});

test('ru: the antecedent of который is the speaker, not a name inside the relative clause', async () => {
  const d = await analyze('Лавров, который накануне встретился с Рубио в Эр-Рияде, заявил, что переговоры были полезными.');
  const q = quoteStarting(d, 'переговоры были полезными');
  assert.ok(q);
  assert.match(speakerName(d, q) ?? '', /Лавров/);
});
