// Direct quotes in ru/uk/en news, every quoting style and cue position (sentences from the seeds,
// SlavicNER brexit texts and PolNeAR-style English news).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, quoteStarting, speakerName, spansConsistent } from './helpers.js';

test('ru: "…", — отметил Лавров (cue after, straight quotes)', async () => {
  const d = await analyze('Глава МИД России Сергей Лавров выступил в Москве.\n\n"Когда поняли, что это все иллюзии, они сменили риторику", — отметил Лавров.');
  const q = quoteStarting(d, 'Когда поняли');
  assert.ok(q, 'quote found');
  assert.equal(q.text, 'Когда поняли, что это все иллюзии, они сменили риторику');
  assert.equal(q.kind, 'direct');
  assert.equal(q.cue?.lemma, 'отметить');
  assert.match(speakerName(d, q) ?? '', /Лавров/);
  assert.ok(spansConsistent(d));
});

test('ru: nested quotes inside a quote whose opening guillemet is stray', async () => {
  const d = await analyze(
    'Россия сохраняет контакты с некоторыми европейскими странами, рассказал глава МИД Сергей Лавров.\n\n« "Они звонят и просят не объявлять об этих разговорах. Некоторые появляются здесь и "подпольно" контактируют", — сказал он в интервью.',
  );
  const q = quoteStarting(d, 'Они звонят');
  assert.ok(q);
  assert.equal(q.text, 'Они звонят и просят не объявлять об этих разговорах. Некоторые появляются здесь и "подпольно" контактируют');
  assert.match(speakerName(d, q) ?? '', /Лавров/);
  assert.equal(quoteStarting(d, 'подпольно'), undefined, 'the nested word is part of the quote, not a quote');
});

test('ru: cue before the quote with a colon: Он добавил: "…"', async () => {
  const d = await analyze(
    '"Действительно, имели место контакты", - сказал пресс-секретарь президента РФ Дмитрий Песков журналистам.\n\nОн добавил: "Пока каких-то индикаций о том, что это желание есть, мы не получали. Нам импонируют такие заявления".',
  );
  const q = quoteStarting(d, 'Пока каких-то');
  assert.ok(q);
  assert.equal(q.text, 'Пока каких-то индикаций о том, что это желание есть, мы не получали. Нам импонируют такие заявления');
  assert.equal(q.cue?.lemma, 'добавить');
  assert.match(speakerName(d, q) ?? '', /Песков/);
});

test('ru: a quote split by its cue gives two quotes with the same speaker', async () => {
  const d = await analyze(
    '"Мы не будем вмешиваться в этот процесс", — сказал Песков журналистам. "Это внутреннее дело Франции, и решения принимает Париж".',
  );
  const a = quoteStarting(d, 'Мы не будем');
  const b = quoteStarting(d, 'Это внутреннее дело');
  assert.ok(a && b);
  assert.match(speakerName(d, a) ?? '', /Песков/);
  assert.equal(b.kind, 'direct');
  assert.equal(b.speaker, a.speaker);
});

test('ru: "…".- добавил политик (dash glued to the period) resolves the description to the last speaker', async () => {
  const d = await analyze(
    'Кроме того, Эммануэль Макрон подчеркнул, что удары по инфраструктуре Украины демонстрируют отсутствие готовности к переговорам.\n\n"Прежде всего, сегодня мы продолжаем поддерживать Украину, которая находится под бомбами".- добавил политик.',
  );
  const q = quoteStarting(d, 'Прежде всего');
  assert.ok(q);
  assert.equal(q.cue?.lemma, 'добавить');
  assert.match(speakerName(d, q) ?? '', /Макрон/);
});

test('uk: «…», — сказав він; the name inside the quote is not the antecedent', async () => {
  const d = await analyze(
    'Про свою готовність до таких переговорів Сергій Лавров заявив журналістам.\n\n«Ми з держсекретарем Марко Рубіо розуміємо необхідність регулярного спілкування… Тому і спілкуємося телефоном», — сказав він.',
  );
  const q = quoteStarting(d, 'Ми з держсекретарем');
  assert.ok(q);
  assert.equal(q.cue?.lemma, 'сказати');
  assert.match(speakerName(d, q) ?? '', /Лавров/);
});

test('uk: a quote spanning several sentences, – сказала вона (feminine pronoun)', async () => {
  const d = await analyze(
    "Прем'єр-міністр Великобританії Тереза Мей вважає, що для перехідного періоду потрібно лише кілька місяців. \"Ми більше не будемо перебувати під юрисдикцією Європейського суду. Це наше рішення\", - сказала вона в п'ятницю.",
  );
  const q = quoteStarting(d, 'Ми більше не будемо');
  assert.ok(q);
  assert.equal(q.text, 'Ми більше не будемо перебувати під юрисдикцією Європейського суду. Це наше рішення');
  assert.match(speakerName(d, q) ?? '', /Мей/);
  assert.equal(q.speakerBy, 'pronoun');
});

test('en: “…,” he said / said X, “…”', async () => {
  const d = await analyze(
    'Republican presidential nominee Donald Trump spoke at an event in Colorado Springs on Saturday.\n\n“I must tell you that just before I got off the plane a bomb went off in New York,” he said.\n\nDemocratic nominee Hillary Clinton, at a later press gaggle, said, “I think it’s important to know the facts.”',
    'en',
  );
  const a = quoteStarting(d, 'I must tell you');
  assert.ok(a);
  assert.match(speakerName(d, a) ?? '', /Trump/);
  const b = quoteStarting(d, 'I think it’s important');
  assert.ok(b);
  assert.equal(b.cue?.lemma, 'say');
  assert.match(speakerName(d, b) ?? '', /Clinton/);
});

test('a short quoted name or title without a speech cue is not a quote', async () => {
  const d = await analyze('Также Фокус писал, что санкции затронули «Роснефть» и «Лукойл». Трамп вывел ситуацию из "тупика".');
  assert.equal(quoteStarting(d, 'Роснефть'), undefined);
  assert.equal(quoteStarting(d, 'тупика'), undefined);
});

test('ru/uk: a quote credited in the next sentence — Об этом заявил X / Так прокоментував X', async () => {
  const d = await analyze('Глава МИД России Сергей Лавров провел переговоры. "Мы не видим смысла в продолжении этих контактов". Об этом заявил пресс-секретарь президента РФ Дмитрий Песков.');
  const q = quoteStarting(d, 'Мы не видим');
  assert.ok(q);
  assert.equal(q.cue?.lemma, 'заявить');
  assert.match(speakerName(d, q) ?? '', /Песков/);
  const u = await analyze('Президент України Володимир Зеленський провів зустріч з партнерами. «Ми готові до діалогу, але не ціною нашої землі». Так прокоментував ситуацію Зеленський.');
  const p = quoteStarting(u, 'Ми готові');
  assert.ok(p);
  assert.match(speakerName(u, p) ?? '', /Зеленськ/);
});

test('en: a subject between the quote and its cue (“…,” Zelensky told reporters) and a long subject before an inverted cue', async () => {
  const d = await analyze(
    '“It was a good meeting,” Zelensky told reporters afterwards. Iran and the United States have postponed the fourth round of nuclear talks, Oman’s foreign minister Badr Albusaidi said on Thursday.',
    'en',
  );
  const a = quoteStarting(d, 'It was a good meeting');
  assert.ok(a);
  assert.match(speakerName(d, a) ?? '', /Zelensky/);
  const b = quoteStarting(d, 'Iran and the United States have postponed');
  assert.ok(b);
  assert.match(speakerName(d, b) ?? '', /Albusaidi/);
});

test('signed quotes: “…” ― Name at the end of a line, «…» — Имя, должность', async () => {
  const en = await analyze(
    '“He represents our greatest shame.” ― Sonya Herridge\n“Trump must stop portraying Latinos as dangerous gangsters.”― Carla Sanchez.',
    'en',
  );
  const a = quoteStarting(en, 'He represents our greatest shame');
  assert.ok(a && a.kind === 'direct');
  assert.match(speakerName(en, a) ?? '', /Herridge/);
  assert.match(speakerName(en, quoteStarting(en, 'Trump must stop')!) ?? '', /Sanchez/);
  const ru = await analyze('«Мы готовы к переговорам без предварительных условий» — Дмитрий Песков, пресс-секретарь президента.', 'ru');
  const b = quoteStarting(ru, 'Мы готовы к переговорам');
  assert.ok(b && b.kind === 'direct');
  assert.match(speakerName(ru, b) ?? '', /Песков/);
  // a dash then a name that goes on as a sentence is no signature
  const c = await analyze('«Это неприемлемо» — Лавров заявил об этом журналистам в Москве в понедельник.', 'ru');
  const q = quoteStarting(c, 'Это неприемлемо');
  assert.ok(!q || q.cue?.text !== '—');
});
