/**
 * Quote rules on real news sentences (ru, uk, en): the document-cue rules as data
 * (`src/quotes/rules/<lang>.json`, each example fires its rule) and the patterns and speaker rules
 * each quote names in `rules` (`quote.direct.interrupted`, `quote.indirect.that-clause.coordinated`,
 * `speaker.institution` …). Sentences come from published articles (agencies, newspapers, portals).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Doc } from '../../src/doc/model.js';
import { documentRules } from '../../src/quotes/lexicon.js';
import { resourcePath } from '../../src/pipeline/resources.js';
import { foldWord, type MatchToken, type Rule } from '../../src/rules/match.js';
import { analyze, quoteStarting, speakerName, spansConsistent } from './helpers.js';

function matchTokens(doc: Doc): MatchToken[] {
  return (doc.layers.tokens ?? []).map((t) => ({ lemma: t.kind === 'word' && t.lemma ? foldWord(t.lemma) : t.norm, norm: t.norm, pos: t.pos, tags: t.tags }));
}

for (const lang of ['ru', 'uk', 'en']) {
  const file = JSON.parse(readFileSync(resourcePath(`src/quotes/rules/${lang}.json`), 'utf8')) as { documentCues: Rule[] };
  test(`document-cue rules (${lang}): ids name their language, are unique, and each example fires its rule`, async () => {
    const set = documentRules(lang)!;
    assert.ok(set);
    const ids = new Set<string>();
    for (const r of file.documentCues) {
      assert.ok(r.id.startsWith(`${lang}.quote.document.`), r.id);
      assert.equal(r.lang, lang);
      assert.ok(!ids.has(r.id), `${r.id} twice`);
      ids.add(r.id);
      assert.ok((r.example ?? []).length >= 1, `${r.id} has no example`);
      for (const ex of r.example ?? []) {
        const doc = await analyze(ex, lang);
        const toks = matchTokens(doc);
        assert.ok(set.scan(toks, 0, toks.length).some((m) => m.rule.id === r.id), `${r.id} does not fire on: ${ex}`);
      }
    }
  });
}

test('document (ru): `— отмечается в заявлении` after `Об этом говорится на сайте Совета ЕС`: the Council speaks, and `Отмечается, что` goes on', async () => {
  const doc = await analyze(
    'Об этом говорится на сайте Совета ЕС.\n«Совет принял сегодня девятый пакет новых мер, направленных на усиление давления на Россию и её правительство», — отмечается в заявлении.\nОтмечается, что пакет санкций включает в себя ряд мер, призванных нанести серьёзный удар по российской экономике.',
    'ru',
  );
  const q1 = quoteStarting(doc, 'Совет принял сегодня');
  assert.ok(q1, JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, q1) ?? '', /Совет/);
  assert.deepEqual(q1.rules?.slice(0, 1), ['ru.quote.document.tail']);
  const q2 = quoteStarting(doc, 'пакет санкций включает');
  assert.ok(q2);
  assert.match(speakerName(doc, q2) ?? '', /Совет/);
  assert.ok(q2.rules?.includes('speaker.continuation'));
  assert.ok(spansConsistent(doc));
});

test('document (uk): `— йдеться у короткому повідомленні` speaks for the body the text named last', async () => {
  const doc = await analyze(
    'У місті Джидда в Саудівській Аравії розпочалися переговори делегацій України та США. Про це повіомило МЗС у вівторок, 11 березня.\n\n«У Джидді, Саудівська Аравія, розпочинається зустріч української та американської делегацій», — йдеться у короткому повідомленні.',
    'uk',
  );
  const q = quoteStarting(doc, 'У Джидді');
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, q) ?? '', /МЗС/);
  assert.equal(q.rules?.[0], 'uk.quote.document.tail');
});

test('institution (uk): `У міністерстві наголошують` is the ministry whose answer was quoted before', async () => {
  const doc = await analyze(
    '"Мова ворожнечі коментаря МЗС РФ не містить навіть натяку на конструктив і ставить під сумнів налаштованість російської сторони до дипломатичного врегулювання", — йдеться у відповіді МЗС України на заяву російського зовнішньополітичного відомства.\nУ міністерстві наголошують, що справжньою причиною, яка руйнує співпрацю між двома державами, є "російська збройна агресія проти України, що триває".',
    'uk',
  );
  const q = quoteStarting(doc, 'справжньою причиною');
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, q) ?? '', /МЗС України/);
  assert.ok(q.rules?.includes('speaker.institution'));
});

test('institution (ru): `сообщили ТАСС в МИД России` — the ministry speaks, the agency heard it; `в российском МИД заявили:`', async () => {
  const doc = await analyze(
    '«Переговоры еще не начались, стороны только прибывают к месту их проведения», – сообщили ТАСС в МИД России, комментируя появившиеся сообщения о том, что переговоры уже стартовали.',
    'ru',
  );
  const q = quoteStarting(doc, 'Переговоры еще не начались');
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, q) ?? '', /МИД/);
  // the clause of `сообщения о том, что` belongs to the reports, not to the cue before the gerund
  assert.ok(!quoteStarting(doc, 'переговоры уже стартовали'), JSON.stringify(doc.layers.quotes));
  const doc2 = await analyze(
    'В офисе президента Украины The Washington Post заявили, что саммит в Дохе не отменен, а лишь отложен до 22 августа. А в российском МИД заявили: "Никто ничего не срывал, потому что срывать было нечего".',
    'ru',
  );
  const q2 = quoteStarting(doc2, 'Никто ничего не срывал');
  assert.ok(q2, JSON.stringify(doc2.layers.quotes));
  assert.match(speakerName(doc2, q2) ?? '', /МИД/);
});

test('interrupted (uk): one pair of marks broken by `— підсумував він. —` is two quotes of the same speaker', async () => {
  const doc = await analyze(
    'Новопризначений очільник МЗС Андрій Сибіга провів перші на новій посаді перемовини. На своїй сторінці у соцмережі X він розповів, що поспілкувався телефоном зі своїм польським колегою Радославом Сікорським, аби підтвердити українсько-польське стратегічне партнерство і добросусідські відносини.\n\nМіністр зауважив, що Київ та Варшава мають спільних ворога та мету. Остання полягає в тому, аби зберегти двосторонні зв\'язки міцними. Він додав, що розмова відбувалася польською "на знак поваги".\n\n"Я з нетерпінням чекаю можливості незабаром привітати мого польського колегу в Києві, — підсумував він. — Я подякував Польщі за підтримку України, поінформував міністра Сікорського про ситуацію на фронті та наголосив на важливості подальшого зміцнення обороноздатності України".',
    'uk',
  );
  const a = quoteStarting(doc, 'Я з нетерпінням');
  const b = quoteStarting(doc, 'Я подякував Польщі');
  assert.ok(a && b, JSON.stringify(doc.layers.quotes));
  assert.equal(a.text, 'Я з нетерпінням чекаю можливості незабаром привітати мого польського колегу в Києві');
  for (const q of [a, b]) {
    assert.match(speakerName(doc, q) ?? '', /Сибіга/);
    assert.equal(q.rules?.[0], 'quote.direct.interrupted');
  }
  // `Міністр` is the `очільник МЗС` (the KB's titles of that role include `міністр закордонних справ`), not
  // the minister Sikorski named inside the quotation
  const m = quoteStarting(doc, 'Київ та Варшава');
  assert.match(speakerName(doc, m) ?? '', /Сибіга/);
  assert.ok(m?.rules?.includes('speaker.role'));
  assert.match(speakerName(doc, quoteStarting(doc, 'розмова відбувалася')) ?? '', /Сибіга/);
  assert.ok(spansConsistent(doc));
});

test('headline (uk): a quotation credited after its colon (`“…”: Трамп підтвердив`)', async () => {
  const doc = await analyze(
    '“Я даю Путіну 10 днів від сьогодні”: Трамп підтвердив свій намір застосувати проти Росії “тарифи та різні інші заходи”\nПрезидент США Дональд Трамп у вівторок, 29 липня, підтвердив свій намір запровадити проти Росії вторинні санкції.',
    'uk',
  );
  const q = quoteStarting(doc, 'Я даю Путіну');
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, q) ?? '', /Трамп/);
  assert.equal(q.rules?.[0], 'quote.direct.headline-credit');
  // `Президент США Дональд Трамп у вівторок, 29 липня, підтвердив свій намір …`: no inverted quote of the subject
  assert.ok(!quoteStarting(doc, 'Президент США'), JSON.stringify(doc.layers.quotes));
});

test('second predicate (ru, uk): the reported clause stops where the subject’s next verb begins', async () => {
  const doc = await analyze(
    '14 июля Трамп заявил, что очень недоволен действиями нелегитимного президента РФ Владимира Путина, и дал ему 50 дней на заключение мирного соглашения с Украиной, в противном случае Штаты введут высокие тарифы против России.',
    'ru',
  );
  const q = quoteStarting(doc, 'очень недоволен');
  assert.equal(q?.text, 'очень недоволен действиями нелегитимного президента РФ Владимира Путина');
  const doc2 = await analyze(
    'Дипломати повідомили, що російська сторона відклала зустріч з катарськими офіційними особами, вважаючи дії України “ескалацією”, і зазначили, що Київ не попередив Доху про свій наступ.',
    'uk',
  );
  const a = quoteStarting(doc2, 'російська сторона відклала');
  assert.equal(a?.text, 'російська сторона відклала зустріч з катарськими офіційними особами, вважаючи дії України “ескалацією”');
  assert.ok(quoteStarting(doc2, 'Київ не попередив'));
  // a word in marks inside the running sentence is no quote of its own
  assert.ok(!quoteStarting(doc2, 'ескалацією'));
});

test('coordinated (en): `said that A, and that B` is two quotes; the closing `…, RIA reported` is no part of B', async () => {
  const doc = await analyze(
    "Kremlin spokesman Dmitry Peskov had said that Witkoff delivered additional information on Ukraine during the March talks, and that Putin conveyed messages to US President Donald Trump through the envoy, Russian state news agency RIA reported.",
    'en',
  );
  const a = quoteStarting(doc, 'Witkoff delivered');
  const b = quoteStarting(doc, 'Putin conveyed');
  assert.equal(a?.text, 'Witkoff delivered additional information on Ukraine during the March talks');
  assert.equal(b?.text, 'Putin conveyed messages to US President Donald Trump through the envoy');
  assert.equal(b?.rules?.[0], 'quote.indirect.that-clause.coordinated');
  for (const q of [a, b]) assert.match(speakerName(doc, q) ?? '', /Peskov/);
});

test('not quotes (en): `denied reports that …`, `a report claiming that …`, `state media`', async () => {
  const doc = await analyze(
    'The White House denied reports that former president Bill Clinton handed over a message from President Barack Obama to North Korean leader Kim Jong-Il\n\n“That’s not true,” White House spokesman Robert Gibbs said when asked about the reports by North Korean state media on Clinton’s surprise mission to win the release of two imprisoned U.S. journalists.',
    'en',
  );
  assert.ok(!quoteStarting(doc, 'former president Bill Clinton'), JSON.stringify(doc.layers.quotes));
  assert.ok(!quoteStarting(doc, 'media on Clinton'), JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, quoteStarting(doc, 'That’s not true')) ?? '', /Gibbs/);
  const doc2 = await analyze(
    'On Sunday, Russia rejected a report claiming that Ukraine’s recent attack on the Kursk region had disrupted indirect negotiations with Kyiv aimed at halting strikes on energy and power infrastructure.',
    'en',
  );
  assert.equal((doc2.layers.quotes ?? []).length, 0, JSON.stringify(doc2.layers.quotes));
});

test('speaker (en): `by U.S. President Donald Trump on Saturday, who revealed that` — the relative word’s antecedent past a time adjunct', async () => {
  const doc = await analyze(
    'The announcement was made by U.S. President Donald Trump on Saturday, who revealed that the agreement was reached after a “long night of talks” involving top officials from both South Asian nations.',
    'en',
  );
  const q = quoteStarting(doc, 'the agreement was reached');
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, q) ?? '', /Trump/);
});

test('anaphoric (ru): `Об этом глава государства объявил` after his own act quotes nothing; the quotation after is his', async () => {
  const doc = await analyze(
    'Президент РФ Владимир Путин о время визита в Улан-Батор пригласил монгольскую делегацию посетить в октябре форум «Россия — спортивная держава». Об этом глава государства объявил по итогам беседы с коллегой из Монголии Ухнаагийном Хурэлсухом.\n«Ждём монгольскую делегацию на международном форуме «Россия — спортивная держава», который состоится в октябре в городе Уфе», — сказал российский лидер.',
    'ru',
  );
  assert.ok(!quoteStarting(doc, 'Президент РФ'), JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, quoteStarting(doc, 'Ждём монгольскую')) ?? '', /Путин/);
});

test('pronoun (uk): `Він зазначив` follows the chain of `він` subjects back to Trump, not the name of unknown gender in between', async () => {
  const doc = await analyze(
    'Президент США Дональд Трамп переглянув свої вимоги до дедлайну для Росії, щоб завершити війну в Україні. Тепер він готовий втрутитися у ситуацію менш ніж за 50 днів.\n\nПро це він розповів під час брифінгу для журналістів із прем’єром Британії Кіром Стармером. Фрагмент його виступу наводить Clash Reports.\n\nВін зазначив, що дуже розчарований діями Володимира Путіна, оскільки після всіх їхніх розмов та угод, той просто продовжує завдавати ударів по Україні та вбивати мирних жителів.',
    'uk',
  );
  const q = quoteStarting(doc, 'дуже розчарований');
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, q) ?? '', /Трамп/);
  assert.ok(q.rules?.includes('speaker.pronoun'));
});

test('nested (uk): `Зеленський заявив, що Україна розраховує, що …` is Zelensky’s, the country inside his clause does not speak', async () => {
  const doc = await analyze(
    'Раніше президент Володимир Зеленський заявив, що Україна розраховує, що переговори з представниками США у Джидді будуть результативними, а її інтереси — врахованими.',
    'uk',
  );
  const q = quoteStarting(doc, 'Україна розраховує');
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, q) ?? '', /Зеленськ/);
});

test('as-cue (ru): `Как сообщает "Европейская правда", об этом он написал в X` — a credit of a credit quotes nothing', async () => {
  const doc = await analyze(
    'Министр иностранных дел Андрей Сибига в четверг, 13 февраля, провел первый телефонный разговор с новым государственным секретарем США Марко Рубио.\nКак сообщает "Европейская правда", об этом он написал в X (Twitter).\nПо словам Сибиги, с Рубио он провел "хороший разговор" о путях взаимовыгодного продвижения украинско-американского стратегического партнерства.',
    'ru',
  );
  assert.ok(!quoteStarting(doc, 'об этом он написал'), JSON.stringify(doc.layers.quotes));
  assert.ok(!(doc.layers.quotes ?? []).some((q) => q.text.includes('Европейская правда')), JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, quoteStarting(doc, 'с Рубио он провел')) ?? '', /Сибиг/);
});

test('cue with an object (ru): `высказал ожидание, что …`', async () => {
  const doc = await analyze('Лавров высказал ожидание, что переговоры продолжатся в ближайшее время.', 'ru');
  const q = quoteStarting(doc, 'переговоры продолжатся');
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.match(speakerName(doc, q) ?? '', /Лавров/);
});

test('page furniture (ru): a `Читайте также:` link ends with its first sentence; the article running on after it on the same line still quotes', async () => {
  const doc = await analyze(
    'Читайте также: Президент Чехии Милош Земан сегодня, шестого июня текущего 2018 года, определил лидера движения ANO Андрея Бабиша на должность премьер-министра страны. Глава британского правительства Тереза Мэй заявила, что ее страна покинет таможенный союз ЕС.',
    'ru',
  );
  assert.match(speakerName(doc, quoteStarting(doc, 'ее страна покинет')) ?? '', /Мэй/);
  // the related links under `Новости по теме` (a scraped page, as stored) say nothing of the article
  const doc2 = await analyze(
    'Песков уверил, что США будто бы говорят Украине, где "совершать теракты", а попытки Киева и Вашингтона откреститься от недавних событий якобы смехотворны.\nНовости по теме\n\nПесков рассказал о реакции Путина на пожар в Кремле и об "ответе" Украине\n\nВ кремле отвергли обвинения в ударе по ЧАЭС и заявили о попытках сорвать переговоры',
    'ru',
  );
  assert.ok(!(doc2.layers.quotes ?? []).some((q) => q.start > doc2.text.indexOf('Новости по теме')), JSON.stringify(doc2.layers.quotes));
});

test('according (ru): `При этом, по его словам, …` — a connective before the phrase is no quote; the clause after it is', async () => {
  const doc = await analyze(
    'При этом, по его словам, транзит через Украину должен быть сохранен, в чем Мааса заверил российский коллега Сергей Лавров во время визита в Москву (Россия) в пятницу.',
    'ru',
  );
  assert.ok(!quoteStarting(doc, 'При этом'), JSON.stringify(doc.layers.quotes));
  const q = quoteStarting(doc, 'транзит через Украину');
  assert.ok(q, JSON.stringify(doc.layers.quotes));
  assert.equal(q.rules?.[0], 'quote.indirect.according');
});
