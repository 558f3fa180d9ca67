/**
 * The `entities` stage on real news sentences (ru, uk, en): normalisation of mentions to base forms,
 * in-article coreference, linking to KB ids across languages, `new:` ids for unknown names, roles.
 * Mentions are given (see link-helpers.ts); lang/tokens/morph are the real stages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityOf, idOf, lemmaOf, link } from './link-helpers.js';

test('ru: multiword names inflect word by word with agreement; one entity per person', async () => {
  const d = await link(
    'В Кремле подтвердили, что Владимир Путин провел телефонный разговор с Эммануэлем Макроном. Ранее Макрон заявлял о готовности к диалогу, напомнили в Елисейском дворце.',
    'ru',
    [['Кремле', 'ORG'], ['Владимир Путин', 'PER'], ['Эммануэлем Макроном', 'PER'], ['Макрон', 'PER'], ['Елисейском дворце', 'ORG']],
  );
  assert.equal(lemmaOf(d, 'Эммануэлем Макроном'), 'Эммануэль Макрон');
  assert.equal(lemmaOf(d, 'Елисейском дворце'), 'Елисейский дворец');
  assert.equal(lemmaOf(d, 'Кремле'), 'Кремль');
  assert.equal(idOf(d, 'Эммануэлем Макроном'), 'macron');
  assert.equal(idOf(d, 'Макрон'), 'macron');
  assert.equal(entityOf(d, 'Макрон')!.mentions.length, 2);
  assert.equal(idOf(d, 'Елисейском дворце'), 'elysee');
  assert.equal(idOf(d, 'Кремле'), 'kremlin');
  assert.equal(entityOf(d, 'Владимир Путин')!.gender, 'm');
  assert.deepEqual(entityOf(d, 'Владимир Путин')!.affiliations, ['russia']);
});

test('ru: only the head of an organisation phrase changes', async () => {
  const d = await link('Вопрос обсуждался на заседании Совета безопасности РФ, сообщили в пресс-службе Минфина России.', 'ru', [
    ['Совета безопасности РФ', 'ORG'],
    ['Минфина России', 'ORG'],
  ]);
  assert.equal(lemmaOf(d, 'Совета безопасности РФ'), 'Совет безопасности РФ');
  assert.equal(lemmaOf(d, 'Минфина России'), 'Минфин России');
});

test('ru: feminine surnames keep their gender; foreign names stay', async () => {
  const d = await link(
    'Официальный представитель МИД России Мария Захарова заявила, что позиция Москвы не изменилась. Слова Захаровой приводит ТАСС. Глава евродипломатии Кая Каллас встретилась с генеральным секретарем НАТО Марком Рютте.',
    'ru',
    [['МИД России', 'ORG'], ['Мария Захарова', 'PER'], ['Москвы', 'LOC'], ['Захаровой', 'PER'], ['ТАСС', 'ORG'], ['Кая Каллас', 'PER'], ['НАТО', 'ORG'], ['Марком Рютте', 'PER']],
  );
  assert.equal(lemmaOf(d, 'Захаровой'), 'Захарова');
  assert.equal(idOf(d, 'Захаровой'), 'zakharova');
  assert.equal(entityOf(d, 'Захаровой')!.gender, 'f');
  assert.equal(lemmaOf(d, 'Кая Каллас'), 'Кая Каллас');
  assert.equal(lemmaOf(d, 'Марком Рютте'), 'Марк Рютте');
  assert.equal(idOf(d, 'Марком Рютте'), 'rutte');
  assert.equal(lemmaOf(d, 'Москвы'), 'Москва');
  assert.equal(idOf(d, 'ТАСС'), 'tass');
});

test('ru: РФ / Россия / России are one entity; roles in apposition', async () => {
  const d = await link(
    'Пресс-секретарь президента РФ Дмитрий Песков заявил журналистам, что Россия открыта к переговорам. Песков добавил, что в РФ ждут предложений. Глава МИД Сергей Лавров также прокомментировал ситуацию в России.',
    'ru',
    [['РФ', 'LOC'], ['Дмитрий Песков', 'PER'], ['Россия', 'LOC'], ['Песков', 'PER'], ['РФ', 'LOC'], ['МИД', 'ORG'], ['Сергей Лавров', 'PER'], ['России', 'LOC']],
  );
  const russia = entityOf(d, 'Россия')!;
  assert.equal(russia.id, 'russia');
  assert.equal(russia.mentions.length, 4);
  assert.equal(lemmaOf(d, 'России'), 'Россия');
  assert.equal(lemmaOf(d, 'РФ'), 'РФ');
  const peskov = entityOf(d, 'Песков')!;
  assert.equal(peskov.id, 'peskov');
  assert.equal(peskov.mentions.length, 2);
  assert.deepEqual(peskov.roles, ['пресс-секретарь президента РФ']);
  assert.deepEqual(entityOf(d, 'Сергей Лавров')!.roles, ['глава МИД']);
});

test('ru: "генеральный секретарь НАТО" and "президент Франции" are recorded as roles', async () => {
  const d = await link('Генеральный секретарь НАТО Марк Рютте и президент Франции Эммануэль Макрон обсудили поддержку Украины.', 'ru', [
    ['НАТО', 'ORG'],
    ['Марк Рютте', 'PER'],
    ['Франции', 'LOC'],
    ['Эммануэль Макрон', 'PER'],
    ['Украины', 'LOC'],
  ]);
  assert.deepEqual(entityOf(d, 'Марк Рютте')!.roles, ['генеральный секретарь НАТО']);
  assert.deepEqual(entityOf(d, 'Эммануэль Макрон')!.roles, ['президент Франции']);
  assert.equal(lemmaOf(d, 'Украины'), 'Украина');
});

test('uk: lower-case росія / путін normalise and link; очільник МЗС РФ is a role', async () => {
  const d = await link(
    'Очільник МЗС РФ Сергій Лавров заявив, що росія не відмовиться від своїх вимог. Речник Кремля Дмитро Пєсков повторив позицію путіна.',
    'uk',
    [['МЗС РФ', 'ORG'], ['Сергій Лавров', 'PER'], ['росія', 'LOC'], ['Кремля', 'ORG'], ['Дмитро Пєсков', 'PER'], ['путіна', 'PER']],
  );
  assert.equal(idOf(d, 'росія'), 'russia');
  assert.equal(lemmaOf(d, 'росія'), 'росія');
  assert.equal(idOf(d, 'путіна'), 'putin');
  assert.equal(lemmaOf(d, 'путіна'), 'путін');
  assert.equal(idOf(d, 'Дмитро Пєсков'), 'peskov');
  assert.equal(lemmaOf(d, 'Кремля'), 'Кремль');
  assert.deepEqual(entityOf(d, 'Сергій Лавров')!.roles, ['очільник МЗС РФ']);
  assert.equal(idOf(d, 'МЗС РФ'), 'mfa-russia');
});

test('uk: indeclinable names stay, declined ones normalise; one entity per person', async () => {
  const d = await link(
    'Міністр закордонних справ України Андрій Сибіга провів розмову з державним секретарем США Марко Рубіо. Президент Франції Емманюель Макрон зустрівся з Володимиром Зеленським у Парижі. Зеленський подякував Макрону за підтримку.',
    'uk',
    [['України', 'LOC'], ['Андрій Сибіга', 'PER'], ['США', 'LOC'], ['Марко Рубіо', 'PER'], ['Франції', 'LOC'], ['Емманюель Макрон', 'PER'], ['Володимиром Зеленським', 'PER'], ['Парижі', 'LOC'], ['Зеленський', 'PER'], ['Макрону', 'PER']],
  );
  assert.equal(lemmaOf(d, 'Марко Рубіо'), 'Марко Рубіо');
  assert.equal(idOf(d, 'Марко Рубіо'), 'rubio');
  assert.equal(lemmaOf(d, 'Володимиром Зеленським'), 'Володимир Зеленський');
  assert.equal(entityOf(d, 'Зеленський')!.mentions.length, 2);
  assert.equal(idOf(d, 'Зеленський'), 'zelensky');
  assert.equal(lemmaOf(d, 'Макрону'), 'Макрон');
  assert.equal(idOf(d, 'Макрону'), 'macron');
  assert.equal(lemmaOf(d, 'Парижі'), 'Париж');
  assert.equal(lemmaOf(d, 'України'), 'Україна');
  assert.deepEqual(entityOf(d, 'Андрій Сибіга')!.roles, ['міністр закордонних справ України']);
  assert.deepEqual(entityOf(d, 'Марко Рубіо')!.roles, ['державний секретар США']);
  assert.equal(entityOf(d, 'Зеленський')!.roles, undefined);
});

test('one id across languages: Путин = Путін = Putin, Песков = Пєсков = Peskov', async () => {
  const ru = await link('Песков сообщил, что Путин готов к контактам.', 'ru', [['Песков', 'PER'], ['Путин', 'PER']]);
  const uk = await link('Пєсков повідомив, що Путін готовий до контактів.', 'uk', [['Пєсков', 'PER'], ['Путін', 'PER']]);
  const en = await link('Peskov said Putin was ready for contacts.', 'en', [['Peskov', 'PER'], ['Putin', 'PER']]);
  for (const d of [ru, uk, en]) {
    assert.equal(d.layers.entities!.find((e) => e.mentions[0].text.match(/^(Песков|Пєсков|Peskov)$/))!.id, 'peskov');
    assert.equal(d.layers.entities!.find((e) => e.mentions[0].text.match(/^(Путин|Путін|Putin)$/))!.id, 'putin');
  }
});

test('a name outside the KB gets the same new: id in ru, uk and Latin spelling', async () => {
  const ru = await link('Как сообщает Reuters, Ричард Гренелл встретился с представителями Nord Stream 2 AG. Гренелла поддержали в Берлине.', 'ru', [
    ['Reuters', 'ORG'],
    ['Ричард Гренелл', 'PER'],
    ['Nord Stream 2 AG', 'ORG'],
    ['Гренелла', 'PER'],
    ['Берлине', 'LOC'],
  ]);
  const uk = await link('Як повідомляє Reuters, Річард Гренелл зустрівся з представниками Nord Stream 2. Гренелла підтримали в Берліні.', 'uk', [
    ['Reuters', 'ORG'],
    ['Річард Гренелл', 'PER'],
    ['Nord Stream 2', 'ORG'],
    ['Гренелла', 'PER'],
    ['Берліні', 'LOC'],
  ]);
  const en = await link('Richard Grenell met Nord Stream 2 AG representatives in Berlin.', 'en', [
    ['Richard Grenell', 'PER'],
    ['Nord Stream 2 AG', 'ORG'],
    ['Berlin', 'LOC'],
  ]);
  const g = idOf(ru, 'Ричард Гренелл')!;
  assert.match(g, /^new:PER:/);
  assert.equal(idOf(uk, 'Річард Гренелл'), g);
  assert.equal(idOf(en, 'Richard Grenell'), g);
  assert.equal(entityOf(ru, 'Гренелла')!.mentions.length, 2);
  assert.equal(idOf(ru, 'Nord Stream 2 AG'), idOf(uk, 'Nord Stream 2'));
  assert.equal(idOf(ru, 'Берлине'), 'berlin');
  assert.equal(idOf(uk, 'Берліні'), 'berlin');
  assert.equal(idOf(en, 'Berlin'), 'berlin');
  assert.equal(lemmaOf(uk, 'Берліні'), 'Берлін');
});

test('ru: a title with a genitive name belongs to the following name; coordination gives no junk role', async () => {
  const d = await link(
    'Москву во вторник посетил дипломатический советник Макрона Эммануэль Бонн. Франция готовит контакты между президентами Эмманюэлем Макроном и Владимиром Путиным.',
    'ru',
    [['Москву', 'LOC'], ['Макрона', 'PER'], ['Эммануэль Бонн', 'PER'], ['Франция', 'LOC'], ['Эмманюэлем Макроном', 'PER'], ['Владимиром Путиным', 'PER']],
  );
  assert.deepEqual(entityOf(d, 'Эммануэль Бонн')!.roles, ['дипломатический советник Макрона']);
  // `президентами Эмманюэлем Макроном и ...`: Macron is a president, never the adviser
  assert.ok(!(entityOf(d, 'Макрона')!.roles ?? []).some((r) => r.includes('советник')));
  assert.equal(entityOf(d, 'Владимиром Путиным')!.roles, undefined);
  assert.equal(lemmaOf(d, 'Москву'), 'Москва');
  assert.equal(lemmaOf(d, 'Владимиром Путиным'), 'Владимир Путин');
  assert.equal(idOf(d, 'Эмманюэлем Макроном'), 'macron');
  assert.equal(idOf(d, 'Макрона'), 'macron');
});

test('odd mentions (punctuation, digits, mixed scripts, very long) never crash and keep their text', async () => {
  const long = 'Северного потока '.repeat(200).trim();
  const text = `«» — 2025 Nord-Stream-2 AG, МИД-РФ и ${long}.`;
  const d = await link(text, 'ru', [['«»', 'ORG'], ['2025', 'EVT'], ['Nord-Stream-2 AG', 'ORG'], ['МИД-РФ', 'ORG'], [long, 'PRO']]);
  const ents = d.layers.entities!;
  assert.equal(ents.reduce((n, e) => n + e.mentions.length, 0), 5);
  for (const e of ents) {
    assert.ok(e.id.length > 0);
    for (const m of e.mentions) assert.equal(d.text.slice(m.start, m.end), m.text);
  }
  assert.equal(lemmaOf(d, 'МИД-РФ'), 'МИД-РФ');
});

test('uk: a name and its abbreviation in brackets are one entity; a first name alone joins its person', async () => {
  const d = await link(
    'Національна акціонерна компанія (НАК) «Нафтогаз України» подала позов. Голова правління Андрій Коболєв заявив, що НАК не відступить. Андрій також нагадав про арбітраж.',
    'uk',
    [['Національна акціонерна компанія', 'ORG'], ['НАК', 'ORG'], ['Нафтогаз України', 'ORG'], ['Андрій Коболєв', 'PER'], ['НАК', 'ORG'], ['Андрій', 'PER']],
  );
  const nak = entityOf(d, 'Національна акціонерна компанія')!;
  assert.equal(nak.mentions.length, 3);
  assert.equal(idOf(d, 'Нафтогаз України'), 'naftogaz');
  assert.equal(entityOf(d, 'Андрій')!.mentions.length, 2);
  assert.equal(lemmaOf(d, 'Національна акціонерна компанія'), 'Національна акціонерна компанія');
});

test('ru: hyphenated place names decline only their last part', async () => {
  const d = await link('Газ пойдет через порт Усть-Луги, а переговоры пройдут в Санкт-Петербурге и Нью-Йорке.', 'ru', [
    ['Усть-Луги', 'LOC'],
    ['Санкт-Петербурге', 'LOC'],
    ['Нью-Йорке', 'LOC'],
  ]);
  assert.equal(lemmaOf(d, 'Усть-Луги'), 'Усть-Луга');
  assert.equal(lemmaOf(d, 'Санкт-Петербурге'), 'Санкт-Петербург');
  assert.equal(lemmaOf(d, 'Нью-Йорке'), 'Нью-Йорк');
  assert.equal(idOf(d, 'Нью-Йорке'), 'new-york');
});

test('ru, uk: outlets linked to the KB carry kind "outlet"; people, bodies and places do not', async () => {
  const ru = await link(
    'По информации российского агентства "ТАСС", пресс-секретарь президента РФ Дмитрий Песков сообщил, что две страны действительно ведут работу на рабочем уровне. Накануне агентство Reuters сообщило, что Москву посетил дипломатический советник Макрона.',
    'ru',
    [['ТАСС', 'ORG'], ['РФ', 'LOC'], ['Дмитрий Песков', 'PER'], ['Reuters', 'ORG'], ['Москву', 'LOC'], ['Макрона', 'PER']],
  );
  assert.equal(entityOf(ru, 'ТАСС')!.kind, 'outlet');
  assert.equal(entityOf(ru, 'Reuters')!.kind, 'outlet');
  for (const s of ['РФ', 'Дмитрий Песков', 'Москву', 'Макрона']) assert.equal(entityOf(ru, s)!.kind, undefined, s);
  const uk = await link(
    'Джерела Reuters, знайомі з ситуацією, розповідали, що причиною стала непримиренна позиція Кремля. Про це повідомляє УНІАН з посиланням на заяву Міністерства закордонних справ України.',
    'uk',
    [['Reuters', 'ORG'], ['Кремля', 'ORG'], ['УНІАН', 'ORG'], ['Міністерства закордонних справ України', 'ORG']],
  );
  assert.equal(entityOf(uk, 'Reuters')!.kind, 'outlet');
  assert.equal(entityOf(uk, 'УНІАН')!.kind, 'outlet');
  assert.equal(entityOf(uk, 'Кремля')!.kind, undefined);
  assert.equal(entityOf(uk, 'Міністерства закордонних справ України')!.kind, undefined);
});

test('uk, ru: a KB name in another spelling links (ґ/г, Latin/Cyrillic, a middle initial)', async () => {
  const uk = await link(
    'За даними Ґазпрому, постачання газу до Європи скоротилися. У Naftogaz заявили, що подадуть позов. Дональд Трамп раніше написав у своєму акаунті: «Donald J. Trump підтримує енергетичну незалежність Європи».',
    'uk',
    [['Ґазпрому', 'ORG'], ['Європи', 'LOC'], ['Naftogaz', 'ORG'], ['Дональд Трамп', 'PER'], ['Donald J. Trump', 'PER'], ['Європи', 'LOC']],
  );
  assert.equal(idOf(uk, 'Ґазпрому'), 'gazprom');
  assert.equal(lemmaOf(uk, 'Ґазпрому'), 'Ґазпром');
  assert.equal(idOf(uk, 'Naftogaz'), 'naftogaz');
  assert.equal(idOf(uk, 'Donald J. Trump'), 'trump');
  assert.equal(entityOf(uk, 'Дональд Трамп')!.mentions.length, 2);
  const ru = await link('Как сообщил Donald J. Trump в своем аккаунте, переговоры с Владимиром Путиным продолжатся.', 'ru', [
    ['Donald J. Trump', 'PER'],
    ['Владимиром Путиным', 'PER'],
  ]);
  assert.equal(idOf(ru, 'Donald J. Trump'), 'trump');
});

test('uk, ru: an organisation behind its legal form or a national adjective links to the KB', async () => {
  const uk = await link(
    'Національна акціонерна компанія «Нафтогаз України» оскаржила рішення суду. Поки розглядатиметься апеляція НАК Нафтогаз України, активи залишаються під арештом, заявили в НАК. Російський Газпром не коментує.',
    'uk',
    [['Національна акціонерна компанія «Нафтогаз України»', 'ORG'], ['НАК', 'ORG'], ['Нафтогаз України', 'ORG'], ['НАК', 'ORG'], ['Російський Газпром', 'ORG']],
  );
  assert.equal(idOf(uk, 'Національна акціонерна компанія «Нафтогаз України»'), 'naftogaz');
  assert.equal(idOf(uk, 'НАК'), 'naftogaz');
  assert.equal(entityOf(uk, 'НАК')!.mentions.filter((m) => m.text === 'НАК').length, 2);
  assert.equal(idOf(uk, 'Російський Газпром'), 'gazprom');
  const ru = await link('Российский «Газпром» и Евросоюз обсудили условия транзита, сообщает ТАСС.', 'ru', [
    ['Российский «Газпром»', 'ORG'],
    ['Евросоюз', 'ORG'],
    ['ТАСС', 'ORG'],
  ]);
  assert.equal(idOf(ru, 'Российский «Газпром»'), 'gazprom');
  assert.equal(idOf(ru, 'Евросоюз'), 'eu');
});

test('en: U.S. and US are the country; a KB person known only by a Russian name keeps the article’s English name', async () => {
  const d = await link(
    'U.S. officials said Hillary Clinton would meet the ambassador. The US embassy confirmed it.',
    'en',
    [['U.S.', 'LOC'], ['Hillary Clinton', 'PER'], ['US', 'LOC']],
  );
  assert.equal(idOf(d, 'U.S.'), 'usa');
  assert.equal(idOf(d, 'US'), 'usa');
  const clinton = entityOf(d, 'Hillary Clinton')!;
  assert.equal(clinton.name, 'Hillary Clinton');
  assert.equal(clinton.names?.en, 'Hillary Clinton');
});

test('ru: a later written form of a surname joins the person even when the lemmatiser reads it otherwise; аль- is part of no key', async () => {
  const d = await link(
    'Министр иностранных дел Ирана Аббас Арагчи провел переговоры в Омане. По словам Арагчи, стороны договорились продолжить переговоры. Глава МИД Омана Бадр аль-Бусаиди заявил, что Бусаиди лично проведет следующий раунд.',
    'ru',
    [['Аббас Арагчи', 'PER'], ['Арагчи', 'PER'], ['Бадр аль-Бусаиди', 'PER'], ['Бусаиди', 'PER']],
  );
  const a = entityOf(d, 'Аббас Арагчи')!;
  assert.equal(a.mentions.length, 2);
  assert.equal(a.mentions[1].lemma, 'Арагчи');
  assert.equal(entityOf(d, 'Бадр аль-Бусаиди')!.mentions.length, 2);
});

test('uk, ru: a surname ending in a vowel beside a man’s first name in the instrumental does not decline (Джоном Гілі, Хаканом Фиданом stays declined)', async () => {
  const uk = await link('Умєров у понеділок відвідав Лондон, де зустрівся з британським колегою Джоном Гілі.', 'uk', [['Джоном Гілі', 'PER']]);
  assert.equal(lemmaOf(uk, 'Джоном Гілі'), 'Джон Гілі');
  const ru = await link('Лавров встретился с турецким коллегой Хаканом Фиданом и с Джоном Керри.', 'ru', [['Хаканом Фиданом', 'PER'], ['Джоном Керри', 'PER']]);
  assert.equal(lemmaOf(ru, 'Хаканом Фиданом'), 'Хакан Фидан');
  assert.equal(lemmaOf(ru, 'Джоном Керри'), 'Джон Керри');
});

test('ru: family-name-first names (Си Цзиньпин, Ким Чен Ын): the first word alone is the person', async () => {
  const d = await link('Путин и Си провели переговоры в Кремле. Ким встретился с Путиным на Дальнем Востоке.', 'ru', [['Путин', 'PER'], ['Си', 'PER'], ['Ким', 'PER'], ['Путиным', 'PER']]);
  assert.equal(idOf(d, 'Си'), 'xi');
  assert.equal(idOf(d, 'Ким'), 'kim-jong-un');
});
