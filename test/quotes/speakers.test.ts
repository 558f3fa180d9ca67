// Speakers resolved to entity ids: names on either side of the cue, pronouns by gender, role nouns
// and descriptions through entity roles / KB holders / the speaker the text is on, institutions,
// unnamed sources (null), and no wrong speaker when nothing fits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, quoteStarting, speakerName } from './helpers.js';

test('ru: пресс-секретарь / представитель Кремля continue the speaker who holds the role', async () => {
  const d = await analyze(
    'Песков также отметил, что европейские столицы, за исключением Парижа, не демонстрируют намерения возобновить диалог с Москвой. "Что касается других европейских столиц, то подобных инициатив до сих пор не было", - сказал представитель Кремля.\n\n"Сами по себе проблемы не решатся, и конфронтация не поможет их решить", - отметил пресс-секретарь президента.',
  );
  for (const p of ['Что касается', 'Сами по себе']) {
    const q = quoteStarting(d, p);
    assert.ok(q, p);
    assert.match(speakerName(d, q) ?? '', /Песков/, p);
  }
});

test('ru: французский лидер — a country adjective and the role point to the person', async () => {
  const d = await analyze(
    'В начале января Эммануэль Макрон заявил, что может провести разговор с Владимиром Путиным.\n\nДнем ранее французский лидер заявил, что обсуждения на техническом уровне уже ведутся.',
  );
  const q = quoteStarting(d, 'обсуждения на техническом');
  assert.ok(q);
  assert.match(speakerName(d, q) ?? '', /Макрон/);
  assert.equal(q.speakerBy, 'role');
});

test('uk: очільник російського зовнішньополітичного відомства resolves to the minister speaking', async () => {
  const d = await analyze(
    'Лавров вважає, що основою для угоди мають стати домовленості, досягнуті на Алясці.\n\n«Тоді американці запевнили нас, що зможуть гарантувати мирний процес. Очевидно, виникли певні труднощі», — припустив очільник російського зовнішньополітичного відомства.',
  );
  const q = quoteStarting(d, 'Тоді американці');
  assert.ok(q);
  assert.match(speakerName(d, q) ?? '', /Лавров/);
});

test('uk: міністр закордонних справ РФ is found through the KB role holders', async () => {
  const d = await analyze(
    'Особиста зустріч очільника МЗС РФ Сергія Лаврова та держсекретаря США Марко Рубіо все ще може відбутися. При цьому міністр закордонних справ РФ наполягає, що під час переговорів повинні бути враховані інтереси Москви.',
  );
  const q = quoteStarting(d, 'під час переговорів');
  assert.ok(q);
  assert.match(speakerName(d, q) ?? '', /Лавров/);
});

test('ru: institutions speak — В Кремле отмечали, что …', async () => {
  const d = await analyze('В Кремле отмечали, что Путин готов поговорить с Макроном, однако это должно быть попыткой понять позиции друг друга.');
  const q = quoteStarting(d, 'Путин готов');
  assert.ok(q);
  assert.equal(q.speakerBy, 'institution');
  assert.match(speakerName(d, q) ?? '', /Кремл/);
});

test('uk: unnamed sources get no speaker (and credit the outlet)', async () => {
  const d = await analyze(
    'Джерела Reuters, знайомі з ситуацією, розповідали, що причиною стала непримиренна позиція Кремля, який «хотів надто багато».',
  );
  const q = quoteStarting(d, 'причиною стала');
  assert.ok(q);
  assert.equal(q.speaker, null);
  assert.ok((d.layers.attributions ?? []).some((a) => a.start <= q.start && a.end >= q.end), 'credited passage');
});

test('ru: a pronoun goes to the subject, not to a person named in an oblique case', async () => {
  const d = await analyze(
    'В начале января Макрон заявил, что планирует провести разговор с президентом РФ Владимиром Путиным. Он сообщил журналистам, что работа по возобновлению контакта уже идет.',
  );
  const q = quoteStarting(d, 'работа по возобновлению');
  assert.ok(q);
  assert.match(speakerName(d, q) ?? '', /Макрон/);
});

test('ru: a feminine cue never goes to a man', async () => {
  const d = await analyze('Глава МИД Сергей Лавров провел переговоры в Москве. "Мы ожидаем ответа от партнеров", — сказала она.');
  const q = quoteStarting(d, 'Мы ожидаем');
  assert.ok(q);
  assert.doesNotMatch(speakerName(d, q) ?? '', /Лавров/);
});

test('uk/ru: a press service or government of a named body speaks for that body', async () => {
  const uk = await analyze(
    'Міністр закордонних справ України Андрій Сибіга в четвер зустрівся в Анкарі з главою МЗС Туреччини Гаканом Фіданом. Сторони обговорили підготовку можливих мирних переговорів, повідомила пресслужба МЗС України.',
  );
  const q1 = quoteStarting(uk, 'Сторони обговорили');
  assert.ok(q1);
  assert.match(speakerName(uk, q1) ?? '', /МЗС України/);
  const ru = await analyze('Правительство Венгрии заявило, что визит министра иностранных дел в Москву отложен.');
  const q2 = quoteStarting(ru, 'визит министра');
  assert.ok(q2);
  assert.match(speakerName(ru, q2) ?? '', /Венгри/);
});

test('ru: a lower-case body recognised as one name (`пресс-служба Кремля`) is the speaker after the cue', async () => {
  const d = await analyze('Стороны обсудили подготовку переговоров на высшем уровне, сообщила пресс-служба Кремля.');
  const q = quoteStarting(d, 'Стороны обсудили');
  assert.ok(q);
  assert.match(speakerName(d, q) ?? '', /Кремл/);
});

test('ru/uk: `глава МИД X` / `очільник МЗС X` resolve to the person the article named minister of foreign affairs of X', async () => {
  const ru = await analyze(
    'Министр иностранных дел Ирана Аббас Арагчи и спецпосланник президента США Стив Уиткофф провели в субботу в Омане непрямые переговоры. «Мы провели конструктивную встречу в спокойной атмосфере», — заявил глава МИД Ирана в эфире государственного телевидения.',
  );
  const q = quoteStarting(ru, 'Мы провели конструктивную');
  assert.ok(q);
  assert.match(speakerName(ru, q) ?? '', /Арагчи/);
  const uk = await analyze(
    'Міністр закордонних справ Туреччини Гакан Фідан зустрівся з українською делегацією. «Туреччина готова стати майданчиком для переговорів», — заявив очільник МЗС Туреччини.',
  );
  const q2 = quoteStarting(uk, 'Туреччина готова');
  assert.ok(q2);
  assert.match(speakerName(uk, q2) ?? '', /Фідан/);
});
