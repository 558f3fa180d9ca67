/**
 * Speakers on real news the rules were not written from: diplomatic stories outside eval/news
 * (Modi–Putin calls 2022–2025, Kishida's planned Moscow visit 2015, Wang Yi's and Yang Jiechi's visits, an Erdogan–Putin
 * call), each sentence as the outlet published it (Sputnik India, Firstpost, The New Indian Express,
 * Reuters via India Abroad, TASS, RIA Novosti, Kommersant, trend.az). Each test names the
 * phenomenon: a document as the speaker (`the statement reads`), a body by its common noun (`the
 * ministry noted`, `турецька сторона`), `“…,” according to X`, an outlet by a quoted name, a pronoun
 * after an unnamed source, a gender from the cue, a predicate sharing the subject across a quotation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, quoteStarting, speakerName, spansConsistent } from './helpers.js';

test('document (en): `“…,” the statement reads / underlines` and a later `…, the statement noted` speak for the body that issued it', async () => {
  const doc = await analyze(
    'Indian Prime Minister Narendra Modi has briefed Russian President Vladimir Putin on his state visit to the US last week, Kremlin said in a statement after a telephone call between the two leaders on Friday.\n' +
      '"At the initiative of the Indian side, Russian President Vladimir Putin held a phone conversation with Indian Prime Minister Narendra Modi," the statement reads.\n' +
      '“The conversation was meaningful and constructive. The leaders reaffirmed their mutual intention to strengthen the especially privileged strategic partnership between Russia and India and agreed on further contacts,” the statement underlines.\n' +
      'The Indian Prime Minister expressed “support” for and “understanding” of the Russian leadership’s actions in tackling PMC Wagner boss Yevegny Prigozhin’s armed mutiny attempt on June 24.\n' +
      'Modi noted that the “decisive actions” of the Russian leadership were meant to protect law and order, ensure stability and security of the citizens, the statement reads.\n' +
      'The two leaders also discussed the ongoint status of Moscow’s special military operation in Ukraine, the statement noted.',
    'en',
  );
  const q1 = quoteStarting(doc, 'At the initiative');
  assert.match(speakerName(doc, q1) ?? '', /Kremlin/);
  assert.deepEqual(q1?.rules?.slice(0, 1), ['en.quote.document.tail']);
  // a quotation of two sentences: the pair, and the body named before it
  const q2 = quoteStarting(doc, 'The conversation was meaningful');
  assert.ok(q2?.text.endsWith('agreed on further contacts,'), q2?.text);
  assert.match(speakerName(doc, q2) ?? '', /Kremlin/);
  // Modi's own clause stays his: the statement's cue does not take the sentence over
  assert.match(speakerName(doc, quoteStarting(doc, 'the “decisive actions”')) ?? '', /Modi/);
  assert.equal(quoteStarting(doc, 'Modi noted'), undefined);
  // the same document four sentences on
  assert.match(speakerName(doc, quoteStarting(doc, 'The two leaders also discussed')) ?? '', /Kremlin/);
  assert.ok(spansConsistent(doc));
});

test('body by its common noun (en): `“…,” the ministry noted` is the Foreign Ministry named before', async () => {
  const doc = await analyze(
    'NEW DELHI, August 18. /TASS/. Russian President Vladimir Putin and Indian Prime Minister Narendra Modi have discussed the development of partnership between the two countries over the phone, the Indian Foreign Ministry said.\n' +
      '"The leaders of the two countries touched upon a number of issues of bilateral cooperation to further strengthen the special and privileged strategic partnership between India and Russia," the ministry noted.',
    'en',
  );
  const q = quoteStarting(doc, 'The leaders of the two countries');
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, q) ?? '', /Foreign Ministry/);
});

test('`“…,” according to the Kremlin` (en): the quotation before the phrase is direct, with the source as its speaker', async () => {
  const doc = await analyze(
    'NEW DELHI: Prime Minister Narendra Modi had a telephone conversation on Monday with the President of the Russian Federation, Vladimir Putin.\n\n' +
      '“The two leaders reaffirmed their willingness to have bilateral cooperation in the space sector,” according to the Kremlin.\n\n' +
      '“The two leaders spoke about the significance of BRICS and Russia’s upcoming chairmanship from January 1st, 2024. They also spoke about the upcoming G20 Summit in Delhi,” according to a statement issued by the Kremlin.',
    'en',
  );
  for (const start of ['The two leaders reaffirmed', 'The two leaders spoke']) {
    const q = quoteStarting(doc, start);
    assert.ok(q, start);
    assert.equal(q.kind, 'direct');
    assert.match(speakerName(doc, q) ?? '', /Kremlin/);
    assert.ok(q.rules?.includes('quote.direct.according'));
  }
});

test('English subjects: no clause subject after a cue without `that`; an object after a verb of its own is no subject', async () => {
  const doc = await analyze(
    'MOSCOW (Reuters) -Russian President Vladimir Putin welcomed Indian Prime Minister Narendra Modi late on July.8 and toured him around his residence outside Moscow ahead of official talks in the Kremlin on July.9.\n\n' +
      'Putin embraced the Indian leader at his home at Novo-Ogaryovo, greeted him as his "dear friend" and said he was "very happy" to see him, according to an account by Russia\'s TASS state news agency.\n\n' +
      'Russian state news agencies said Putin and Modi visited the residence\'s stable and watched a show with performing horses.',
    'en',
  );
  // `Putin embraced the Indian leader, … and said`: Putin, not the leader he embraced
  assert.match(speakerName(doc, quoteStarting(doc, 'he was')) ?? '', /Putin/);
  // `agencies said Putin and Modi visited …`: what the agencies said, not Putin's words
  const q = (doc.layers.quotes ?? []).find((x) => x.text.includes('visited the residence'));
  assert.ok(!q || !/Putin/.test(speakerName(doc, q) ?? ''), JSON.stringify(q));
});

test('an outlet by a quoted name (ru): `японская газета "Никкэй" распространила информацию о том, что …` is not the previous speaker’s', async () => {
  const doc = await analyze(
    'ТОКИО, 28 июл — РИА Новости, Екатерина Плясункова. Сроки визита главы МИД Японии Фумио Кисиды в Россию пока не определены.\n' +
      '"Что касается сроков моего визита в Россию, ничего еще не определено. Я полагаю, что вопрос (по срокам) будет решаться после изучения всех существующих обстоятельств, но в настоящее время еще ничего не решено", — заявил на пресс-конференции во вторник глава японского МИД.\n' +
      'Ранее в июле осведомленный источник сообщил РИА Новости, что визит Фумио Кисиды в Москву может состояться 31 августа — 1 сентября. Позже японская газета "Никкэй" распространила информацию о том, что глава МИД Японии посетит Россию с делегацией промышленников.',
    'ru',
  );
  assert.match(speakerName(doc, quoteStarting(doc, 'Что касается сроков')) ?? '', /Кисид/);
  for (const start of ['визит Фумио Кисиды в Москву', 'глава МИД Японии посетит']) {
    const q = quoteStarting(doc, start);
    assert.ok(!q || !/Кисид/.test(speakerName(doc, q) ?? ''), JSON.stringify(q));
  }
});

test('a pronoun after an unnamed source (ru): `— заявил собеседник агентства. … он подчеркнул, что …` stays unnamed', async () => {
  const doc = await analyze(
    'АНКАРА, 20 ноя – РИА Новости. Турция рассчитывает на проведение телефонных переговоров с российской стороной на высоком уровне, однако не намерена заранее объявлять возможные даты, сообщил РИА Новости информированный турецкий источник.\n' +
      'По его словам, контакты между президентом Турции Тайипом Эрдоганом и президентом России Владимиром Путиным остаются устойчивыми.\n' +
      '"Вероятность таких переговоров, конечно, есть. Между лидерами сохраняются доверительные отношения, канал общения налажен", — заявил собеседник агентства о вероятности телефонных переговоров двух лидеров в ближайшее время.\n' +
      'На вопрос о возможных сроках разговора он подчеркнул, что Анкара не раскрывает подобные детали заранее.',
    'ru',
  );
  const q = quoteStarting(doc, 'Анкара не раскрывает');
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.equal(q.speaker, null);
});

test('the cue’s gender beats the morphology’s guess (ru): `— сообщила дипломат` after `заявила … Мао Нин`; `он назвал «…» и заявил, что` shares its subject', async () => {
  const doc = await analyze(
    'Министр иностранных дел Китая Ван И посетит Россию 1-2 декабря. Об этом заявила на брифинге официальный представитель МИД КНР Мао Нин. Визит пройдет по приглашению секретаря Совета безопасности России Сергея Шойгу.\n\n' +
      '«Член политбюро ЦК КПК, глава Канцелярии Комиссии ЦК КПК по иностранным делам Ван И 1–2 декабря посетит Россию для проведения 20-го раунда российско-китайских консультаций по вопросам стратегической безопасности»,— сообщила дипломат.\n\n' +
      'В мае по приглашению Сергея Шойгу Москву посетил секретарь политико-юридической комиссии ЦК КПК Чэнь Вэньцин. По итогам переговоров он назвал отношения Пекина с Москвой «образцовыми» и заявил, что Китай и Россия совместно противостоят «любым попыткам нанесения убытка суверенитету, безопасности и интересам развития».',
    'ru',
  );
  assert.match(speakerName(doc, quoteStarting(doc, 'Член политбюро')) ?? '', /Мао Нин/);
  assert.match(speakerName(doc, quoteStarting(doc, 'Китай и Россия совместно')) ?? '', /Чэнь/);
});

test('a body by a generic noun (ru): `как сообщило ранее китайское внешнеполитическое ведомство, «…»` is the ministry named before', async () => {
  const doc = await analyze(
    'Глава МИД КНР в понедельник начинает пятидневный рабочий визит в США\n\n' +
      'Министр иностранных дел КНР Ян Цзечи в понедельник по приглашению госсекретаря США Хиллари Клинтон отбывает в США с рабочим визитом, который продлится до 13 марта.\n\n' +
      'Во время визита, как сообщило ранее китайское внешнеполитическое ведомство, "стороны проведут углубленный обмен мнениями по вопросам развития китайско-американских отношений на следующем этапе и международным и региональным проблемам, представляющим взаимный интерес".',
    'ru',
  );
  const q = quoteStarting(doc, 'стороны проведут');
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, q) ?? '', /МИД/);
});

test('a role with an abbreviation in the genitive (ru): `— указал глава МИДа` is the foreign minister named before (fotkaew.ru, an interview of Lavrov)', async () => {
  const doc = await analyze(
    'Все хотят, чтобы конфликт на Украине завершился, но здесь важен не срок, а результат. Такое мнение озвучил в четверг министр иностранных дел России Сергей Лавров в интервью телеведущему и гендиректору медиагруппы "Россия сегодня" Дмитрию Киселёву.\n' +
      '"Мы все хотим, чтобы это завершилось. Но здесь важнее не временной фактор, а фактор существа", — указал глава МИДа.',
    'ru',
  );
  assert.match(speakerName(doc, quoteStarting(doc, 'Мы все хотим')) ?? '', /Лавров/);
});

test('`цитує слова міністра представник МЗС КНР Мао Нін` (uk, eval/news dev): the words are a minister’s, not the ministry’s whose spokeswoman quotes them', async () => {
  const doc = await analyze(
    '«Я переконаний, що справедливий світ в Україні відповідає стратегічним інтересам Китаю, і роль Китаю як глобальної сили світу є важливою», – заявив Кулеба.\n' +
      'Кулеба у Китаї заявив, що Україна готова вести переговори з РФ.\n' +
      '«Але переговори мають бути раціональними та мати практичне значення, спрямоване на досягнення справедливого та міцного світу», – цитує слова міністра представник МЗС КНР Мао Нін.',
    'uk',
  );
  const q = quoteStarting(doc, 'Але переговори');
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.ok(q.rules?.includes('speaker.role'), JSON.stringify(q.rules));
  assert.match(speakerName(doc, q) ?? '', /Кулеба/);
});

test('`it said` / `it added` (en, breakingnewsturkey.com): the body named last before, not a person', async () => {
  const doc = await analyze(
    'Foreign ministers of Turkey, Germany, France and the UK held a teleconference to discuss regional issues and latest developments, an official statement said on Tuesday.\n\n' +
      'The Turkish Foreign Ministry said in a written statement that Mevlut Cavusoglu, Heiko Maas, Jean-Yves Le Drian and Dominic Raab gathered for a virtual meeting to follow the results of a quartet summit of Turkish, French, German and British leaders in March.\n\n' +
      '"At the meeting, the current situation in the fight against the coronavirus pandemic and the possible common steps to be taken, and the latest regional developments, especially in Syria, Libya and Iraq, were discussed in detail," it said.',
    'en',
  );
  const q = quoteStarting(doc, 'At the meeting');
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, q) ?? '', /Foreign Ministry/);
});

test('a generic role (ru, eval/news dev): `— подчеркнул дипломат` after `министр иностранных дел Дмитрий Кулеба прибыл` is the minister', async () => {
  const doc = await analyze(
    '23 июня министр иностранных дел Дмитрий Кулеба прибыл в Китай с официальным визитом по приглашению Пекина.\n\n' +
      '"Всем привет из Китая. В развитие контактов лидеров Украины Президента Владимира Зеленского и КНР Си Цзиньпина, осуществляю первый визит украинского чиновника в Китай с начала полномасштабной агрессии России против Украины. Это также первый двусторонний визит министра иностранных дел Украины в КНР с 2012 года", - подчеркнул дипломат.',
    'ru',
  );
  assert.match(speakerName(doc, quoteStarting(doc, 'Всем привет')) ?? '', /Кулеба/);
});
