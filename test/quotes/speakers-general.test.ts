/**
 * Speaker mechanisms that hold whatever the story (issue 14): a role and the name between commas after an
 * English quotation, a relative clause's verb sharing its main clause's subject, a document named by a
 * pronoun in the next sentence, gender from the verb a name governs, `там` for the body that spoke last.
 * Sentences written for these tests in the register of agency news (no article's text).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, quoteStarting, speakerName, spansConsistent } from './helpers.js';

test('en: `“…,” the spokesman, Dmitry Peskov, said` — a role, then the name between commas, then the cue', async () => {
  const doc = await analyze(
    'The Kremlin said on Monday it was studying the proposal.\n\n' +
      '“We are ready to talk, but not under pressure,” the Kremlin spokesman, Dmitry Peskov, told reporters. ' +
      '“There will be no meeting this week,” a spokeswoman for the ministry, Maria Zakharova, said later.',
    'en',
  );
  const a = quoteStarting(doc, 'We are ready to talk');
  assert.ok(a, JSON.stringify(doc.layers.quotes));
  assert.equal(a.kind, 'direct');
  assert.equal(a.text, 'We are ready to talk, but not under pressure,');
  assert.match(speakerName(doc, a) ?? '', /Peskov/);
  assert.equal(a.rules?.[0], 'quote.direct.cue-after.title-name');
  const b = quoteStarting(doc, 'There will be no meeting');
  assert.match(speakerName(doc, b) ?? '', /Zakharova/);
  assert.ok(spansConsistent(doc));
});

test('ru, uk, en: `Как он отметил, …`, `Як вона зазначила, …`, `As she noted, …` — the pronoun between `как` and the cue speaks', async () => {
  const ru = await analyze('Министр иностранных дел Индии Субраманьям Джайшанкар прибыл в Пекин. Как он отметил, стороны обсудят пограничные вопросы.', 'ru');
  const a = quoteStarting(ru, 'стороны обсудят');
  assert.equal(a?.rules?.[0], 'quote.indirect.as-cue');
  assert.match(speakerName(ru, a) ?? '', /Джайшанкар/);
  const uk = await analyze('Речниця МЗС Ірина Шевченко прокоментувала заяву. Як вона зазначила, Київ не отримував жодних пропозицій.', 'uk');
  assert.match(speakerName(uk, quoteStarting(uk, 'Київ не отримував')) ?? '', /Шевченко/);
  const en = await analyze('Foreign Minister Penny Wong arrived in Jakarta on Monday. As she noted, the visit was planned months ago.', 'en');
  assert.match(speakerName(en, quoteStarting(en, 'the visit was planned')) ?? '', /Wong/);
});

test('ru: a past verb agreeing with a foreign name gives its gender: `Мао Нин выступила …` — `заявила она` is her', async () => {
  const doc = await analyze(
    'Представитель МИД Китая Мао Нин выступила на брифинге в среду. «Никаких договорённостей о встрече пока нет», — заявила она. Она также сказала, что Пекин приветствует переговоры.',
    'ru',
  );
  const a = quoteStarting(doc, 'Никаких договорённостей');
  assert.equal(a?.speakerBy, 'pronoun');
  assert.match(speakerName(doc, a) ?? '', /Мао Нин/);
  assert.match(speakerName(doc, quoteStarting(doc, 'Пекин приветствует')) ?? '', /Мао Нин/);
});

test('ru, en: a second cue after a coordinator shares the first cue’s subject, not a name of its reported clause', async () => {
  const ru = await analyze('Виктор Орбан встретился с Путиным в Москве. Орбан сообщил журналистам, что Европе нужен мир, и добавил, что его миссия продолжится.', 'ru');
  const a = quoteStarting(ru, 'его миссия');
  assert.match(speakerName(ru, a) ?? '', /Орбан/);
  assert.ok(a?.rules?.includes('speaker.coordinated'), JSON.stringify(a?.rules));
  assert.ok(quoteStarting(ru, 'Европе нужен мир'));
  const en = await analyze(
    'Pentagon spokesman General Pat Ryder told reporters on Friday that the military was monitoring a drone over the border and said it posed no threat. ' +
      'Hungarian Prime Minister Viktor Orban told reporters that Europe needed peace and added that his mission would continue.',
    'en',
  );
  assert.equal(quoteStarting(en, 'the military was monitoring')?.text, 'the military was monitoring a drone over the border');
  assert.match(speakerName(en, quoteStarting(en, 'it posed no threat')) ?? '', /Ryder/);
  assert.equal(quoteStarting(en, 'Europe needed peace')?.text, 'Europe needed peace');
  assert.match(speakerName(en, quoteStarting(en, 'his mission would continue')) ?? '', /Orb/);
});

test('ru, uk: a cue after `, в ходе которого` / `, під час яких` goes on with the main clause’s subject', async () => {
  const ru = await analyze('Президент Турции Реджеп Тайип Эрдоган провёл телефонный разговор с премьером Эфиопии, в ходе которого заверил, что Анкара продолжит посредничество.', 'ru');
  const a = quoteStarting(ru, 'Анкара продолжит');
  assert.match(speakerName(ru, a) ?? '', /Эрдоган/);
  assert.ok(a?.rules?.includes('speaker.relative-main'), JSON.stringify(a?.rules));
  const uk = await analyze('Голова МЗС Туреччини Хакан Фідан провів переговори в Анкарі, під час яких наголосив, що Туреччина готова до посередництва.', 'uk');
  assert.match(speakerName(uk, quoteStarting(uk, 'Туреччина готова')) ?? '', /Фідан/);
  // (a subject of its own after the relative word speaks: `в ходе которой Лавров заявил`)
  const own = await analyze('Сергей Лавров провёл встречу с Ваном И, в ходе которой китайский министр заявил, что Пекин поддерживает диалог.', 'ru');
  assert.doesNotMatch(speakerName(own, quoteStarting(own, 'Пекин поддерживает')) ?? '', /Лавров/);
});

test('ru, uk, en: a document named by a pronoun or a bare noun in the next sentence speaks for whoever issued it', async () => {
  const ru = await analyze('Посольство США в Москве опубликовало заявление. В нём говорится, что визит не планируется.', 'ru');
  const a = quoteStarting(ru, 'визит не планируется');
  assert.equal(a?.rules?.[0], 'ru.quote.document.pronoun-lead');
  assert.match(speakerName(ru, a) ?? '', /Посольство/);
  const decree = await analyze('Путин подписал указ о санкциях. В нём говорится, что меры вступят в силу с 1 марта.', 'ru');
  assert.match(speakerName(decree, quoteStarting(decree, 'меры вступят')) ?? '', /Путин/);
  const uk = await analyze('Посольство США оприлюднило заяву щодо візиту. У ній зазначається, що делегація прибуде наступного тижня.', 'uk');
  const b = quoteStarting(uk, 'делегація прибуде');
  assert.equal(b?.rules?.[0], 'uk.quote.document.pronoun-lead');
  assert.match(speakerName(uk, b) ?? '', /США/);
  const en = await analyze(
    "Japan's Foreign Ministry issued a statement on Tuesday. The statement said the ambassador had been summoned over the remarks.\n" +
      'The Kremlin published a readout of the call. The readout noted that the two leaders discussed energy.',
    'en',
  );
  const c = quoteStarting(en, 'the ambassador had been summoned');
  assert.equal(c?.rules?.[0], 'en.quote.document.lead');
  assert.match(speakerName(en, c) ?? '', /Foreign Ministry/);
  assert.match(speakerName(en, quoteStarting(en, 'the two leaders discussed')) ?? '', /Kremlin/);
  // (`“…,” the statement said`: still the tail rule)
  const tail = await analyze('Japan\'s Foreign Ministry issued a statement on Tuesday. "We will respond firmly," the statement said.', 'en');
  assert.equal(quoteStarting(tail, 'We will respond')?.rules?.[0], 'en.quote.document.tail');
});

test('uk: `Там підтверджують` with no seat named stands for the body that spoke last', async () => {
  const doc = await analyze(
    "Україна та Росія провели обмін полоненими. Операцію координували Об'єднані Арабські Емірати, повідомило МЗС ОАЕ. Там підтверджують, що до обміну залучили сім літаків.",
    'uk',
  );
  const a = quoteStarting(doc, 'до обміну залучили');
  assert.ok(a, JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, a) ?? '', /МЗС ОАЕ/);
  assert.equal(a.speaker, quoteStarting(doc, 'Операцію координували')?.speaker);
});

test('en: `…, noting that …` after an object with people in it: the participle has the main clause’s subject', async () => {
  const doc = await analyze(
    "Somali President Hassan Sheikh Mohamud emphasized his country's readiness to work with Ethiopia's leadership and people, noting that both nations share an interest in trade.",
    'en',
  );
  const q = quoteStarting(doc, 'both nations share');
  assert.match(speakerName(doc, q) ?? '', /Mohamud/);
  assert.ok(q?.rules?.includes('speaker.participle'), JSON.stringify(q?.rules));
});

test('en: a paragraph the page prints twice (a caption over the photo and under it) gives its quote once', async () => {
  const cap = 'The Kremlin confirmed on Monday that the two leaders will meet again this week in Vladivostok.';
  const doc = await analyze(`Putin and Kim to meet this week\n\n${cap}\nPhoto Agency\n${cap}\n\nThe Kremlin said the visit had been prepared for weeks.`, 'en');
  const qs = (doc.layers.quotes ?? []).filter((q) => q.text.startsWith('the two leaders will meet'));
  assert.equal(qs.length, 1, JSON.stringify(doc.layers.quotes));
  assert.ok(quoteStarting(doc, 'the visit had been prepared'));
});

test('ru: a converb before `, что` is a cue with the main clause’s subject; it credits no quotation before it', async () => {
  const doc = await analyze(
    'Посол США в Германии Джон Эмерсон критикует проект «Турецкий поток», отмечая, что участвующие в нём компании рискуют попасть под санкции. ' +
      'О том, что газопровод является коммерческим проектом, неоднократно заявляла и Анкара, подчёркивая, что он не угрожает соседям.',
    'ru',
  );
  assert.ok(!quoteStarting(doc, 'Турецкий поток'), JSON.stringify(doc.layers.quotes));
  const q = quoteStarting(doc, 'участвующие в нём компании');
  assert.match(speakerName(doc, q) ?? '', /Эмерсон/);
  assert.ok(q?.rules?.includes('speaker.participle'), JSON.stringify(q?.rules));
  assert.match(speakerName(doc, quoteStarting(doc, 'он не угрожает')) ?? '', /Анкар/);
});

test('en: a short quotation right after the credited one goes on with its speaker (`… told reporters. “This is pure fiction.”`)', async () => {
  const doc = await analyze('“We are not aware of any such call,” Kremlin spokesman Dmitry Peskov told reporters. “This is pure fiction.”\n\nThe film “Red Sky” opens on Friday.', 'en');
  const q = quoteStarting(doc, 'This is pure fiction');
  assert.match(speakerName(doc, q) ?? '', /Peskov/);
  assert.ok(!quoteStarting(doc, 'Red Sky'), 'a title in marks is no quote');
});

test('en: `The Indian leader said` is the person of that country the text made a subject (a demonym the tagger reads as a name)', async () => {
  const doc = await analyze('Indian Prime Minister Narendra Modi held talks with Volodymyr Zelensky in Kyiv. The Indian leader said India was ready to play an active role.', 'en');
  const a = quoteStarting(doc, 'India was ready');
  assert.equal(a?.speakerBy, 'role');
  assert.match(speakerName(doc, a) ?? '', /Modi/);
  const tr = await analyze('Vladimir Putin hosted Recep Tayyip Erdogan in Sochi. The Turkish leader said the grain deal could be restored.', 'en');
  assert.match(speakerName(tr, quoteStarting(tr, 'the grain deal')) ?? '', /Erdo/);
});
