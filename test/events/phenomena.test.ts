/**
 * What real news does that the event rules once missed (issue 14, part 2), one test per phenomenon
 * on real sentences from published reports (ru, uk, en), run through the full pipeline.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DiplomaticEvent, Doc } from '../../src/doc/model.js';
import { createPipeline } from '../../src/pipeline/index.js';

const pipe = await createPipeline();

function analyze(text: string, lang: string, published: string): Doc {
  return pipe.analyze({ source: { format: 'text' }, published, title: null, text, lang });
}

function who(doc: Doc, id: string): string {
  const e = doc.layers.entities?.find((x) => x.id === id);
  return [id, e?.name ?? '', ...(e?.mentions.flatMap((m) => [m.lemma, m.text]) ?? [])].join(' ').toLowerCase();
}

function find(doc: Doc, type: string, ...parties: RegExp[]): DiplomaticEvent {
  const evs = doc.layers.events ?? [];
  const ev = evs.find((e) => e.type === type && parties.every((p) => e.actors.some((a) => p.test(who(doc, a)))));
  assert.ok(ev, `no ${type} event with ${parties.join(', ')} in ${JSON.stringify(evs.map((e) => [e.type, e.mode, e.actors, e.status]))}`);
  return ev;
}

test('a foreign name that does not decline stays the apposition of the noun before it (`с ... секретарем США Марко Рубио`)', () => {
  const doc = analyze(
    'Министр иностранных дел Андрей Сибига в четверг, 13 февраля, провел первый телефонный разговор с новым государственным секретарем США Марко Рубио.',
    'ru',
    '2025-02-13',
  );
  const ev = find(doc, 'CONSULT', /сибига|sybiha/, /рубио|rubio/);
  assert.equal(ev.mode, 'call');
  assert.equal(ev.status, 'occurred');
  assert.equal(ev.when?.value, '2025-02-13');
});

test('an invitation is a possible contact of the one invited (`пригласила ... Бориса Джонсона посетить Москву`)', () => {
  const doc = analyze(
    'Россия пригласила премьер-министра Великобритании Бориса Джонсона посетить 9 мая 2020 года Москву и принять участие в юбилейных мероприятиях, посвященных 75-летию Победы в Великой Отечественной войне.',
    'ru',
    '2019-08-17',
  );
  const ev = find(doc, 'CONSULT', /джонсон|johnson/, /москв|moscow|росси|russia/);
  assert.equal(ev.mode, 'visit');
  assert.equal(ev.status, 'possible');
  assert.equal(ev.actors[0], doc.layers.entities?.find((e) => /джонсон|johnson/i.test(e.name))?.id, 'the one invited visits');
  assert.ok(ev.rules?.includes('subject.invited-object'));
});

test('a visit announced by invitation keeps its own tense (`посетит Москву по приглашению`)', () => {
  const doc = analyze(
    'Президент Республики Молдовы Игорь Додон посетит Москву по приглашению президента Российской Федерации Владимира Путина для участия в открытии чемпионата мира по футболу, передает IPN.',
    'ru',
    '2018-06-10',
  );
  const ev = find(doc, 'CONSULT', /додон|dodon/, /москв|moscow/);
  assert.equal(ev.status, 'planned');
});

// the project's own English sample (samples/diplomacy-2025.jsonl), whose output the issue cites
test('a summit called off is one cancelled summit, no call; a summit discussed later is the same summit, not one held', () => {
  const doc = analyze(
    'The move came on the same day Trump told reporters he had called off a planned summit with Russian President Vladimir Putin in Budapest. The two leaders had discussed the summit in a phone call on October 16.',
    'en',
    '2025-10-22',
  );
  const evs = doc.layers.events ?? [];
  const summits = evs.filter((e) => e.mode === 'summit');
  assert.equal(summits.length, 1, JSON.stringify(evs.map((e) => [e.mode, e.status, e.actors])));
  assert.equal(summits[0].status, 'cancelled');
  assert.ok(!evs.some((e) => e.mode === 'call' && e.status !== 'occurred'), 'called off is no call');
  const call = evs.find((e) => e.mode === 'call');
  assert.equal(call?.when?.value, '2025-10-16');
});

test('the text is the source: ASCII apostrophes stay (L’Express, Trump’s, прем’єр written with U+0027), evidence quotes them', () => {
  const en = "Russian President Vladimir Putin's investment envoy Kirill Dmitriev met President Donald Trump's special envoy Steve Witkoff on Friday in St. Petersburg.";
  const doc = analyze(en, 'en', '2025-04-11');
  assert.equal(doc.text, en);
  const ev = find(doc, 'CONSULT', /dmitriev/, /witkoff/);
  assert.ok(doc.text.slice(ev.start, ev.end).includes("Trump's"));
  const uk = "Прем'єр-міністр Британії Тереза Мей зустрілася з головою Єврокомісії Жаном-Клодом Юнкером у Брюсселі.";
  const d2 = analyze(uk, 'uk', '2018-11-21');
  assert.equal(d2.text, uk);
  // matching still reads the apostrophe as one (the role noun is known, the meeting found)
  find(d2, 'CONSULT', /мей|may/, /юнкер|juncker/);
});

test('a stance that names no event speaks of the story\'s main contact (`Кремль не прокоментував`: stance.on.main-contact)', () => {
  const doc = analyze(
    'Непрямі переговори між Україною та Росією за посередництва Катару були зірвані через наступ ЗСУ в Курській області РФ.\n' +
      'Учасники переговорів сподівалися на можливість досягнення угоди про припинення війни.\n' +
      'Росія не зривала переговори, але попросила час для обдумування, заявив дипломат.\n' +
      'Після цього Київ планує консультуватися з партнерами щодо подальших дій. Кремль не прокоментував ситуацію.',
    'uk',
    '2024-08-17',
  );
  const withStance = (doc.layers.events ?? []).filter((e) => e.stances?.length);
  assert.equal(withStance.length, 1, JSON.stringify(doc.layers.events?.map((e) => [e.actors, e.stances])));
  const ev = withStance[0];
  assert.deepEqual([...ev.actors].sort(), ['russia', 'ukraine']);
  assert.equal(ev.stances![0].stance, 'no_comment');
  assert.ok(ev.stances![0].rules?.includes('stance.on.main-contact'));
});

test('a stance whose sentence names the sides speaks of their contact, not the latest one (stance.on.named-sides)', () => {
  const doc = analyze(
    "Russian Direct Investment Fund chief Kirill Dmitriev met President Donald Trump's special envoy Steve Witkoff on Friday in St. Petersburg, the state-run TASS news agency reported.\n\n" +
      "Witkoff arrived in Russia's second city earlier on Friday and may hold talks with Putin.\n\n" +
      "Kremlin spokesman Dmitry Peskov said earlier on Friday that he would announce any meeting that Putin held with Witkoff if time for such an encounter arose in the Russian leader's schedule, according to Interfax.",
    'en',
    '2025-04-11',
  );
  const withStance = (doc.layers.events ?? []).filter((e) => e.stances?.length);
  assert.equal(withStance.length, 1, JSON.stringify(doc.layers.events?.map((e) => [e.actors, e.stances])));
  assert.deepEqual([...withStance[0].actors].sort(), ['putin', 'witkoff']);
  assert.ok(withStance[0].stances![0].rules?.includes('stance.on.named-sides'));
});

test('a contact put off to a new date is planned for that date (`перенесено ..., але він відбудеться ... 22 серпня`); put off with no date stays cancelled', () => {
  const doc = analyze(
    'Україна та Росія планували відправити делегації до Катару для переговорів про припинення ударів по енергетичній інфраструктурі.\n' +
      'Офіс президента України повідомив, що саміт у Досі перенесено через ситуацію на Близькому Сході, але він відбудеться у форматі відеоконференції 22 серпня.',
    'uk',
    '2024-08-17',
  );
  const summit = (doc.layers.events ?? []).find((e) => e.mode === 'summit');
  assert.ok(summit, JSON.stringify(doc.layers.events));
  assert.equal(summit.status, 'planned');
  assert.equal(summit.when?.value, '2024-08-22');
  assert.ok(summit.rules?.includes('uk.when.rescheduled.but-will') && summit.rules.includes('status.rescheduled'), summit.rules?.join());
  const none = analyze(
    'A meeting of the deputy foreign ministers of Russia, Turkiye, Iran and Syria, scheduled for this week, has been postponed to an unspecified date, a source from the Turkish Foreign Ministry said on Thursday.',
    'en',
    '2023-03-16',
  );
  for (const e of none.layers.events ?? []) assert.ok(!e.rules?.includes('status.rescheduled'), JSON.stringify(e));
});

test('a side named by a country adjective is that country (`російська сторона відклала зустріч з катарськими офіційними особами`: subject/party.country-side)', () => {
  // (the real sentence without its frame `Дипломати повідомили, що ...`: inside that frame the rule
  // does not fire yet, a known failure)
  const doc = analyze(
    'Непрямі переговори між Україною та Росією за посередництва Катару були зірвані через наступ ЗСУ в Курській області РФ.\n' +
      'Російська сторона відклала зустріч з катарськими офіційними особами.',
    'uk',
    '2024-08-17',
  );
  const ev = find(doc, 'CONSULT', /russia/, /qatar/);
  assert.equal(ev.mode, 'meeting');
  assert.equal(ev.status, 'cancelled');
  assert.ok(ev.rules?.includes('subject.country-side') && ev.rules.includes('party.country-side'), ev.rules?.join());
  // a single diplomat is a person (a role), not his country
  const one = analyze(
    'Як повідомлялося раніше, 21 жовтня головний російський дипломат провів телефонну розмову з Рубіо, під час якої мав обговорити умови майбутнього саміту Путін-Трамп у Будапешті.',
    'uk',
    '2025-10-23',
  );
  for (const e of one.layers.events ?? []) assert.ok(!e.rules?.includes('subject.country-side'), JSON.stringify(e));
});

test('a message carried is a contact of its sender and addressee, not of the messenger (`handed over a message from Obama to Kim`)', () => {
  const doc = analyze(
    'The White House denied reports that former president Bill Clinton handed over a message from President Barack Obama to North Korean leader Kim Jong-Il.',
    'en',
    '2009-08-04',
  );
  const ev = find(doc, 'CONSULT', /obama/, /kim|il/);
  assert.equal(ev.mode, 'channel');
  assert.ok(!ev.actors.some((a) => /clinton/.test(who(doc, a))), JSON.stringify(ev.actors));
  assert.ok(ev.rules?.includes('en.trigger.message.from-to') && ev.rules.includes('party.message-from-to'), ev.rules?.join());
});

test('an office named with `of` and its country stands for that country (`called the DGMO of India`, `the head of the delegation of Ukraine`)', () => {
  // Anadolu (via the news dev set), 10 May 2025: the name in the gloss bracket is no party of its own
  const doc = analyze(
    '"Pakistan (Director General of Military Operations, or DGMO) called the DGMO of India at 15:35 local time earlier this afternoon," Misri said at a press briefing in New Delhi.',
    'en',
    '2025-05-10',
  );
  const ev = find(doc, 'CONSULT', /pakistan/, /india/);
  assert.equal(ev.mode, 'call');
  assert.ok(ev.rules?.includes('party.office-of'), ev.rules?.join());
  assert.ok(!ev.actors.some((a) => /operations/.test(who(doc, a))), JSON.stringify(ev.actors));
});

test('a verb of taking place keeps `between` with the contact noun (`no formal meeting took place between ... Dar and ... Jaishankar`)', () => {
  // Press Trust of India via Business Standard, 24 Oct 2024
  const doc = analyze(
    'Pakistan on Thursday said no formal meeting took place between Foreign Minister Ishaq Dar and External Affairs Minister S Jaishankar on the sidelines of a conclave of the Shanghai Cooperation Organisation (SCO) here last week.',
    'en',
    '2024-10-24',
  );
  const ev = find(doc, 'CONSULT', /dar/, /jaishankar/);
  assert.equal(ev.mode, 'meeting');
  assert.equal(ev.status, 'none');
  assert.ok(ev.rules?.includes('party.exist-verb'), ev.rules?.join());
});

test('a source named before a comma is no list with the subject after it (`За даними «Радіо Свобода», ... Путін зустрінеться з Гутеррішем`)', () => {
  // Voice of America / Radio Svoboda via the news dev set, 23 Oct 2024
  const doc = analyze('За даними «Радіо Свобода», російський диктатор Володимир Путін зустрінеться з Гутеррішем 24 жовтня на полях саміту.', 'uk', '2024-10-23');
  const ev = find(doc, 'CONSULT', /putin|путін/, /guterres|гутерріш/);
  assert.equal(ev.status, 'planned');
  assert.equal(ev.when?.value, '2024-10-24');
});

test('a destination keeps its adjectives (`прибув до російської Казані`)', () => {
  const doc = analyze('Генеральний секретар ООН Антоніу Гутерріш прибув до російської Казані для участі в саміті країн-членів БРІКС.', 'uk', '2024-10-23');
  const ev = find(doc, 'CONSULT', /guterres|гутерріш/, /казан|kazan/);
  assert.equal(ev.mode, 'visit');
  assert.equal(ev.status, 'occurred');
});

test('a country\'s office after `с` stands for the country (`встретится с главами Аргентины и Катара`)', () => {
  // TVC, on Reuters: Trump's meetings at the UN General Assembly
  const doc = analyze(
    'Дональд Трамп во вторник примет глав нескольких государств. Также американский лидер встретится с главами Аргентины и Катара.',
    'ru',
    '2025-09-22',
  );
  const ev = find(doc, 'CONSULT', /trump|трамп/, /аргентин|argentin/, /катар|qatar/);
  assert.equal(ev.status, 'planned');
  assert.ok(ev.rules?.includes('party.office-of'), ev.rules?.join());
});

test('one happening told with a plan and its end is one contact (`планували ... для переговорів`, then `переговори ... були зірвані`)', () => {
  // Washington Post as told by a Ukrainian outlet (news dev set), 17 Aug 2024
  const doc = analyze(
    'Україна та Росія планували відправити делегації до Катару для переговорів про припинення ударів по енергетичній інфраструктурі, але Кремль відмовився від цих переговорів через операцію Збройних Сил України в Курській області.\n' +
      'Непрямі переговори між Україною та Росією за посередництва Катару були зірвані через наступ ЗСУ в Курській області РФ.',
    'uk',
    '2024-08-17',
  );
  const talks = (doc.layers.events ?? []).filter((e) => e.type === 'CONSULT' && e.mode === 'talks');
  assert.equal(talks.length, 1, JSON.stringify(talks.map((e) => [e.actors, e.status])));
  assert.equal(talks[0].status, 'cancelled');
  assert.ok(talks[0].rules?.includes('merge.across-status'), talks[0].rules?.join());
  // a plan and a denial naming another time stay two (Reuters via a Ukrainian outlet, 18 Sep 2023)
  const two = analyze(
    "Президент Бразилії Луїс Інасіо Лула да Сілва зустрінеться зі своїм українським колегою Володимиром Зеленським на полях Генеральної Асамблеї ООН у Нью-Йорку в середу, повідомила в понеділок канцелярія президента Бразилії, інформує Reuters. Лула і Зеленський ніколи не зустрічалися особисто, хоча вони розмовляли відеозв'язком у березні.",
    'uk',
    '2023-09-18',
  );
  const c = (two.layers.events ?? []).filter((e) => e.type === 'CONSULT' && e.mode === 'meeting');
  assert.ok(c.some((e) => e.status === 'planned') && c.some((e) => e.status === 'none'), JSON.stringify(c.map((e) => [e.mode, e.status])));
});

test("an undated contact in the article's lead takes the article's date (`when.dateline`, TASS, 11 Apr 2025)", () => {
  const doc = analyze(
    ' date 2025-04-11 ST. PETERSBURG, April 11. /TASS/. Special envoy of the Russian president and chief executive of the Russian Direct Investment Fund (RDIF) Kirill Dmitriev has described talks with visiting US special presidential envoy Steve Witkoff as productive.\n\n' +
      '"Welcome to St. Petersburg, Russia! Productive discussions with Steven Witkoff," he wrote on his X page.\n\n' +
      'Russian President Vladimir Putin met with Witkoff at the Presidential Library in St. Petersburg. The meeting was held behind closed doors and ended at about ten in the evening.',
    'en',
    '2025-04-11',
  );
  const ev = find(doc, 'CONSULT', /putin/, /witkoff/);
  assert.equal(ev.status, 'occurred');
  assert.equal(ev.when?.value, '2025-04-11');
  assert.ok(ev.rules?.includes('when.dateline'), ev.rules?.join());
});

test('captions do not push a contact out of the article lead (`when.dateline` counts body sentences; Sputnik/RIA, 31 Jan 2025)', () => {
  const doc = analyze(
    " date 2025-01-31 Мадуро принял спецпосланника Трампа — глава МИД Венесуэлы\n\nАртуро Мичелена. Восстание креолов\nАртуро Мичелена. Восстание креолов\n\nВстретился с посланником президента США президент Венесуэлы Николас Мадуро, 31 января сообщил глава МИД Венесуэлы Иван Хиль в своем Telegram-канале.\n\n«Президент Николас Мадуро принимает специального посланника Дональда Трампа — Ричарда Гренелла. И предлагает правительству Соединенных Штатов „обнуленную повестку“»",
    'ru',
    '2025-01-31',
  );
  const ev = find(doc, 'CONSULT', /мадуро|maduro/, /гренел|grenell/);
  assert.equal(ev.when?.value, '2025-01-31');
});

test('talking by phone is a call (`говорили по телефону`)', () => {
  // news dev set: a Russian report of the Scholz–Putin call, 15 Nov 2024
  const doc = analyze('Президент России Владимир Путин и канцлер Германии Олаф Шольц говорили по телефону около часа.', 'ru', '2024-11-15');
  const ev = find(doc, 'CONSULT', /путин|putin/, /шольц|scholz/);
  assert.equal(ev.mode, 'call');
  assert.equal(ev.status, 'occurred');
});

test('halting strikes or talks is no sanction (`negotiations ... aimed at halting strikes on energy infrastructure`)', () => {
  // Reuters as told by an English-language outlet (news dev set), 18 Aug 2024
  const doc = analyze(
    'On Sunday, Russia rejected a report claiming that Ukraine’s recent attack on the Kursk region had disrupted indirect negotiations with Kyiv aimed at halting strikes on energy and power infrastructure.',
    'en',
    '2024-08-18',
  );
  const evs = doc.layers.events ?? [];
  assert.ok(!evs.some((e) => e.type === 'SANCTION'), JSON.stringify(evs.map((e) => [e.type, e.actors])));
  assert.ok(!evs.some((e) => e.type === 'ASSAULT' && e.status === 'cancelled'), JSON.stringify(evs.map((e) => [e.type, e.status])));
});

test('partners after `з` do not push the subject out of a contact noun (`Сибіга провів першу телефонну розмову з главами МЗС Естонії та Фінляндії`)', () => {
  // a Ukrainian report of Sybiha's first calls as minister (news dev set), 6 Sep 2024
  const doc = analyze('Сибіга провів першу телефонну розмову з главами МЗС Естонії та Фінляндії', 'uk', '2024-09-06');
  const ev = find(doc, 'CONSULT', /сибіга|sybiha/, /фінлянд|finland/);
  assert.equal(ev.mode, 'call');
});
