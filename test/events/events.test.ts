/**
 * Diplomatic events on real news sentences (ru, uk): one test per status, stance, level and
 * argument pattern, run through the full pipeline (entities, quotes and times included).
 * Sentences come from the seed articles and from reports of the same kind (RIA Novosti,
 * Interfax, TASS, UNIAN, TSN) about other contacts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DiplomaticEvent, Doc } from '../../src/doc/model.js';
import { createPipeline } from '../../src/pipeline/index.js';

const pipe = await createPipeline();

function analyze(text: string, lang: string, published = '2026-02-05'): Doc {
  return pipe.analyze({ source: { format: 'text' }, published, title: null, text, lang });
}

/** Names (any language, KB id) an entity id stands for, lower-cased, for matching. */
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

const PUTIN = /putin|путин|путін/;
const MACRON = /macron|макрон/;
const LAVROV = /lavrov|лавров/;
const RUBIO = /rubio|рубио|рубіо/;
const TRUMP = /trump|трамп/;
const FRANCE = /france|франц|elysee|елисейск|paris|париж/;
const RUSSIA = /russia|росси|росія|kremlin|кремл|moscow|москв/;

test('occurred: a past visit, with its date and the outlet that reported it', () => {
  const doc = analyze(
    'Накануне агентство Reuters сообщило, что во вторник Москву с целью наладить диалог посетил дипломатический советник Макрона Эммануэль Бонн. Кремль и Елисейский дворец не стали ни подтверждать, ни опровергать эту информацию.',
    'ru',
  );
  const ev = find(doc, 'CONSULT', /bonne|бонн/, RUSSIA);
  assert.equal(ev.mode, 'visit');
  assert.equal(ev.status, 'occurred');
  assert.equal(ev.when?.value, '2026-02-03');
  // Макрона qualifies the adviser: he is no party of the visit
  const macron = doc.layers.entities?.find((e) => MACRON.test(e.id) || /^(эммануэль )?макрон$/i.test(e.name));
  assert.ok(!macron || !ev.actors.includes(macron.id));
  // both sides declined to comment (each one the recogniser finds)
  const nc = ev.stances?.filter((s) => s.stance === 'no_comment') ?? [];
  assert.ok(nc.length >= 1);
  for (const s of nc) assert.match(who(doc, s.by), /kremlin|кремл|elysee|елисейск/);
});

test('occurred (uk): a phone call with its date, level from the ministers', () => {
  const doc = analyze('Як повідомлялося раніше, 21 жовтня Сергій Лавров провів телефонну розмову з держсекретарем США Марко Рубіо.', 'uk', '2025-11-09');
  const ev = find(doc, 'CONSULT', LAVROV, RUBIO);
  assert.equal(ev.mode, 'call');
  assert.equal(ev.status, 'occurred');
  assert.equal(ev.when?.value, '2025-10-21');
  assert.equal(ev.level, 'ministerial');
});

test('ongoing: contacts under way, at the working level', () => {
  const doc = analyze('"Россия и Франция действительно взаимодействуют на рабочем уровне, но никакого примечательного содержания эти контакты не имеют", — отметил Дмитрий Песков.', 'ru');
  const ev = find(doc, 'CONSULT', RUSSIA, FRANCE);
  assert.equal(ev.status, 'ongoing');
  assert.equal(ev.level, 'working');
  // the second mention (`эти контакты`) is the same happening
  assert.equal((doc.layers.events ?? []).filter((e) => e.type === 'CONSULT').length, 1);
});

test('planned: a call being prepared, highest level from the presidents', () => {
  const doc = analyze('В начале января Макрон заявил, что планирует провести разговор с президентом РФ Владимиром Путиным.', 'ru', '2026-02-10');
  const ev = find(doc, 'CONSULT', MACRON, PUTIN);
  assert.equal(ev.mode, 'call');
  assert.equal(ev.status, 'planned');
  assert.equal(ev.level, 'highest');
  assert.ok(ev.reportedBy?.some((r) => MACRON.test(who(doc, r))));
});

test('planned (uk): a meeting being organised', () => {
  const doc = analyze('Президент України Володимир Зеленський планує зустрітися з Дональдом Трампом у Вашингтоні.', 'uk');
  const ev = find(doc, 'CONSULT', /zelensk|зеленськ/, TRUMP);
  assert.equal(ev.mode, 'meeting');
  assert.equal(ev.status, 'planned');
});

test('possible: may happen, readiness', () => {
  const doc = analyze('В начале января Макрон заявил, что в ближайшие недели может провести разговор с Владимиром Путиным.', 'ru');
  assert.equal(find(doc, 'CONSULT', MACRON, PUTIN).status, 'possible');
  const doc2 = analyze('В Кремле отмечали, что Путин готов поговорить с Макроном.', 'ru');
  assert.equal(find(doc2, 'CONSULT', PUTIN, MACRON).status, 'possible');
  const doc3 = analyze('Лавров заявив, що зустріч із держсекретарем США Марко Рубіо все ще може відбутися.', 'uk', '2025-11-09');
  assert.equal(find(doc3, 'CONSULT', LAVROV, RUBIO).status, 'possible');
});

test('cancelled (ru and uk)', () => {
  const doc = analyze('Встреча Сергея Лаврова и Марко Рубио в Будапеште отменена.', 'ru', '2025-11-09');
  assert.equal(find(doc, 'CONSULT', LAVROV, RUBIO).status, 'cancelled');
  const doc2 = analyze('Особиста зустріч очільника МЗС РФ Сергія Лаврова та держсекретаря США Марко Рубіо, яку було скасовано Вашингтоном, все ще може відбутися.', 'uk', '2025-11-09');
  const ev = find(doc2, 'CONSULT', LAVROV, RUBIO);
  assert.ok(ev.status === 'cancelled' || ev.status === 'possible');
  assert.equal(ev.mode, 'meeting');
  assert.equal(ev.level, 'ministerial');
});

test('none: stated not to exist', () => {
  const doc = analyze('Пресс-секретарь президента РФ Дмитрий Песков заявил, что контактов между Владимиром Путиным и Эммануэлем Макроном на высшем уровне сейчас нет.', 'ru');
  const ev = find(doc, 'CONSULT', PUTIN, MACRON);
  assert.equal(ev.status, 'none');
  assert.equal(ev.level, 'highest');
});

test('confirm: an institution speaking through its seat confirms contacts at the technical level', () => {
  const doc = analyze('В Кремле подтвердили возобновление контактов с Елисейским дворцом на техническом уровне.', 'ru', '2026-02-10');
  const ev = find(doc, 'CONSULT', /kremlin|кремл/, FRANCE);
  assert.equal(ev.level, 'technical');
  assert.ok(ev.stances?.some((s) => s.stance === 'confirm' && /kremlin|кремл/.test(who(doc, s.by))));
});

test('deny: a denial of a reported meeting', () => {
  const doc = analyze('Песков опроверг сообщения о встрече Владимира Путина и Дональда Трампа в Будапеште.', 'ru');
  const ev = find(doc, 'CONSULT', PUTIN, TRUMP);
  assert.ok(ev.stances?.some((s) => s.stance === 'deny'));
});

test('summit of two named leaders with its place (uk)', () => {
  const doc = analyze('Лавров вважає, що основою угоди повинні стати домовленості, досягнуті під час саміту президента США Дональда Трампа і президента РФ Володимира Путіна на Алясці.', 'uk', '2025-11-09');
  const ev = find(doc, 'CONSULT', TRUMP, PUTIN);
  assert.equal(ev.mode, 'summit');
  assert.equal(ev.level, 'highest');
  assert.ok(ev.place && /alask|аляск/.test(who(doc, ev.place)));
  // США and РФ only qualify the presidents; Лавров only holds the opinion
  assert.ok(!ev.actors.some((a) => LAVROV.test(who(doc, a))));
});

test('sanctions against named companies (uk)', () => {
  const doc = analyze('Ще одним наслідком цієї розмови називають запроваджені США санкції проти «Роснефти» і «Лукойла».', 'uk', '2025-11-09');
  const ev = find(doc, 'SANCTION', /usa|сша/, /rosneft|роснефт/);
  assert.equal(ev.status, 'occurred');
});

test('a contact mentioned twice is one event', () => {
  const doc = analyze(
    '21 жовтня Сергій Лавров провів телефонну розмову з Марко Рубіо. Після цієї розмови Рубіо порадив Трампу не поспішати. Сам Лавров після розмови з Рубіо знову заговорив про першопричини конфлікту.',
    'uk',
    '2025-11-09',
  );
  const calls = (doc.layers.events ?? []).filter((e) => e.type === 'CONSULT' && e.mode === 'call');
  assert.equal(calls.length, 1, JSON.stringify(calls));
  assert.equal(calls[0].when?.value, '2025-10-21');
});

test('talk about contacts in general is no event', () => {
  const doc = analyze('Макрон подчеркнул, что диалог с РФ важен, так как эта страна останется соседом ЕС.', 'ru');
  assert.equal((doc.layers.events ?? []).length, 0);
  const doc2 = analyze('Песков также отметил, что европейские столицы, за исключением Парижа, не демонстрируют намерения возобновить диалог с Москвой.', 'ru');
  assert.equal((doc2.layers.events ?? []).length, 0);
});

test('evidence and trigger spans point into the text', () => {
  const text = 'Как сообщал УНИАН, недавно французский президент Макрон заявил, что Франция возобновила контакты с Россией на техническом уровне.';
  const doc = analyze(text, 'ru', '2026-02-11');
  const ev = find(doc, 'CONSULT', FRANCE, RUSSIA);
  assert.equal(ev.status, 'occurred');
  assert.equal(ev.level, 'technical');
  assert.equal(text.slice(ev.trigger!.start, ev.trigger!.end), ev.trigger!.text);
  assert.ok(ev.start <= ev.trigger!.start && ev.trigger!.end <= ev.end);
});

test('hosting a visitor, and "the sides" continue the same contact', () => {
  const doc = analyze('Президент России Владимир Путин принял в Кремле премьер-министра Словакии Роберта Фицо. Стороны обсудили энергетическое сотрудничество.', 'ru', '2025-10-03');
  const ev = find(doc, 'CONSULT', PUTIN, /fico|фицо/);
  assert.equal(ev.status, 'occurred');
  assert.equal((doc.layers.events ?? []).filter((e) => e.type === 'CONSULT').length, 1);
  // `принял решение` is no contact
  const doc2 = analyze('Президент России Владимир Путин принял решение о проведении учений.', 'ru', '2025-10-03');
  assert.equal((doc2.layers.events ?? []).length, 0);
});

test('talks with a counterpart named in apposition; a contact by phone is a call', () => {
  const doc = analyze('Накануне министр иностранных дел России Сергей Лавров провел переговоры со своим турецким коллегой Хаканом Фиданом.', 'ru', '2025-10-03');
  const ev = find(doc, 'CONSULT', LAVROV, /fidan|фидан/);
  assert.equal(ev.mode, 'talks');
  assert.equal(ev.when?.value, '2025-10-02');
  const doc2 = analyze('Зеленский и Макрон обсудили по телефону подготовку к саммиту в Лондоне.', 'ru', '2025-10-03');
  assert.equal(find(doc2, 'CONSULT', /zelensk|зеленск/, MACRON).mode, 'call');
});

test('a visit dated after the article is planned (uk), and a denial of a prepared meeting', () => {
  const doc = analyze('Президент Володимир Зеленський наступного тижня відвідає Вашингтон. Речник Кремля Дмитро Пєсков спростував інформацію про підготовку зустрічі Путіна і Зеленського.', 'uk', '2025-09-20');
  const visit = find(doc, 'CONSULT', /zelensk|зеленськ/, /washington|вашингтон|usa|сша/);
  assert.equal(visit.mode, 'visit');
  assert.equal(visit.status, 'planned');
  const meet = find(doc, 'CONSULT', PUTIN, /zelensk|зеленськ/);
  assert.ok(meet.stances?.some((s) => s.stance === 'deny'));
});

test('English wire copy: a call by phone with its date and a no-comment on it; a light verb before sanctions', () => {
  const doc = analyze(
    'WASHINGTON, Feb 3 (Reuters) - Secretary of State Marco Rubio spoke by phone with Russian Foreign Minister Sergei Lavrov on Tuesday, the State Department said. The Kremlin declined to comment on the call. The European Union imposed new sanctions on Russia last month.',
    'en',
  );
  const call = find(doc, 'CONSULT', RUBIO, LAVROV);
  assert.equal(call.mode, 'call');
  assert.equal(call.status, 'occurred');
  assert.equal(call.when?.value, '2026-02-03');
  const sanctions = (doc.layers.events ?? []).filter((e) => e.actors.some((a) => /russia/.test(who(doc, a))) && e.type !== 'CONSULT');
  assert.deepEqual(sanctions.map((e) => e.type), ['SANCTION']);
});

test('Ukrainian tense without morphology tags: perfective future is planned, imperfective present ongoing', () => {
  const doc = analyze('Делегації України та Росії проведуть переговори в Стамбулі.', 'uk', '2025-05-17');
  assert.equal(find(doc, 'CONSULT', /ukrain|україн/, RUSSIA).status, 'planned');
  const doc2 = analyze('Україна і Польща взаємодіють на робочому рівні.', 'uk', '2025-09-20');
  const ev = find(doc2, 'CONSULT', /ukrain|україн/, /poland|польщ/);
  assert.equal(ev.status, 'ongoing');
  assert.equal(ev.level, 'working');
});

test('a contact announced as planned and later reported cancelled is one event, cancelled', () => {
  // the later sentence names no parties: it continues the contact just reported; Budapest is the venue
  const uk = analyze(
    'Президент США Дональд Трамп і президент Росії Володимир Путін домовилися провести саміт у Будапешті. Про це Трамп заявив після телефонної розмови з Путіним у четвер. Згодом Трамп повідомив, що зустріч у Будапешті скасовано.',
    'uk',
    '2025-10-22',
  );
  const ukSummits = (uk.layers.events ?? []).filter((e) => e.type === 'CONSULT' && (e.mode === 'summit' || e.mode === 'meeting'));
  assert.equal(ukSummits.length, 1, JSON.stringify(ukSummits.map((e) => [e.mode, e.actors, e.status])));
  assert.equal(ukSummits[0].status, 'cancelled');
  assert.ok(!ukSummits[0].actors.some((a) => /budapest|будапешт/.test(who(uk, a))));
  const ru = analyze(
    'Президент США Дональд Трамп и президент России Владимир Путин договорились провести саммит в Будапеште. Позднее Трамп заявил, что саммит в Будапеште отменен.',
    'ru',
    '2025-10-22',
  );
  const ruSummits = (ru.layers.events ?? []).filter((e) => e.type === 'CONSULT' && e.mode === 'summit');
  assert.equal(ruSummits.length, 1);
  assert.equal(ruSummits[0].status, 'cancelled');
});

test('a call framing an agreement took place; the meeting agreed in it is planned', () => {
  for (const [text, lang] of [
    ['Во время телефонного разговора Путин и Макрон договорились о встрече в Москве.', 'ru'],
    ['Під час телефонної розмови Зеленський і Макрон домовилися про зустріч у Парижі.', 'uk'],
  ] as const) {
    const doc = analyze(text, lang, '2025-11-20');
    const evs = doc.layers.events ?? [];
    const call = evs.find((e) => e.mode === 'call');
    const meeting = evs.find((e) => e.mode === 'meeting');
    assert.ok(call && meeting, `${text} -> ${JSON.stringify(evs.map((e) => [e.mode, e.actors, e.status]))}`);
    assert.equal(call.status, 'occurred');
    assert.equal(meeting.status, 'planned');
    assert.ok(call.actors.some((a) => MACRON.test(who(doc, a))));
  }
});

test('PLOVER coding (en): a protest governs its purpose; force with military weapons is FIGHT', async () => {
  const { classifyEventType } = await import('../../src/events/classify.js');
  const code = (text: string) => classifyEventType(analyze(text, 'en', '2025-11-20'));
  // `staged demonstrations to demand`: the protest is the act, the demand its issue
  assert.equal(code('Thousands of workers staged demonstrations in the capital on Saturday to demand higher wages.'), 'PROTEST');
  assert.equal(code('Opposition supporters began a hunger strike outside parliament to demand the release of detained activists.'), 'PROTEST');
  // conventional military force (artillery, aircraft) is FIGHT; other killings stay ASSAULT
  assert.equal(code('Army units launched artillery and mortar fire against rebel camps near the border, killing at least ten fighters.'), 'FIGHT');
  assert.equal(code('Gunmen killed two police officers in an attack on a checkpoint.'), 'ASSAULT');
});

test('a counterpart named only by country and role is the person of that country named before, else the country', () => {
  const ru = analyze('Министр иностранных дел Турции Хакан Фидан прибыл в Москву. Сергей Лавров провел переговоры с турецким коллегой.', 'ru', '2025-11-20');
  const talks = find(ru, 'CONSULT', LAVROV, /fidan|фидан/);
  assert.equal(talks.mode, 'talks');
  const uk = analyze('Міністр закордонних справ Польщі Радослав Сікорський прибув до Києва. Андрій Сибіга провів переговори з польським колегою.', 'uk', '2025-11-20');
  find(uk, 'CONSULT', /sybiha|сибіга|сибига/, /sikorski|сікорськ/);
  // no such person named: the country when the article names it, else only the side that is named
  // (every actor is an entity of the article, with a mention as evidence; an adjective is no mention)
  const call = find(analyze('Китай и Россия укрепляют связи. Сергей Лавров провел телефонный разговор с китайским коллегой.', 'ru', '2025-11-20'), 'CONSULT', LAVROV, /china|китай/);
  assert.equal(call.mode, 'call');
  const one = find(analyze('Сергей Лавров провел телефонный разговор с китайским коллегой.', 'ru', '2025-11-20'), 'CONSULT', LAVROV);
  assert.equal(one.mode, 'call');
});

test('continuation: the next round of talks without named parties is the same sides, possible', () => {
  const doc = analyze(
    'Министр иностранных дел Армении Арарат Мирзоян провел в Вене переговоры с главой МИД Азербайджана Джейхуном Байрамовым. Следующий раунд переговоров может пройти 2 апреля в Женеве, сообщили в МИД Армении.',
    'ru',
    '2026-03-10',
  );
  const evs = (doc.layers.events ?? []).filter((e) => e.type === 'CONSULT' && /мирзоян|mirzo/.test(who(doc, e.actors[0]) + who(doc, e.actors[1] ?? '')));
  const next = evs.find((e) => e.status === 'possible');
  assert.ok(next, JSON.stringify(evs.map((e) => [e.actors, e.status])));
  assert.equal(next.when?.value, '2026-04-02');
  assert.ok(next.actors.some((a) => /байрамов|bairamov|bayramov/.test(who(doc, a))));
  assert.ok(evs.some((e) => e.status === 'occurred'));
});

test('continuation (uk): the sides agreeing to meet after a call is a planned meeting of the same ministers, dated forward', () => {
  const doc = analyze(
    'Міністр оборони Польщі Владислав Косіняк-Камиш провів телефонну розмову з міністром оборони Німеччини Борисом Пісторіусом. Сторони домовилися зустрітися особисто на засіданні Ради НАТО 18 березня в Брюсселі.',
    'uk',
    '2026-03-10',
  );
  const PIST = /пісторіус|pistorius/;
  const call = find(doc, 'CONSULT', PIST);
  const meet = (doc.layers.events ?? []).find((e) => e.mode === 'meeting' && e.actors.some((a) => PIST.test(who(doc, a))));
  assert.ok(meet && call !== meet, JSON.stringify(doc.layers.events));
  assert.equal(meet.status, 'planned');
  assert.equal(meet.when?.value, '2026-03-18');
});

test('channel: contacts between two capitals under way, the speaker named before them is no party', () => {
  const doc = analyze('По словам Ушакова, контакты между Ереваном и Баку продолжаются на техническом уровне.', 'ru', '2026-03-10');
  const ev = find(doc, 'CONSULT', /ереван|yerevan|armenia/, /баку|baku|azerbaijan/);
  assert.equal(ev.status, 'ongoing');
  assert.equal(ev.level, 'technical');
  assert.ok(!ev.actors.some((a) => /ушаков|ushakov/.test(who(doc, a))));
});

test('no event: hindering a dialogue is an accusation, not a contact (uk)', () => {
  const doc = analyze('Голова МЗС Угорщини Петер Сійярто звинуватив Брюссель у перешкоджанні діалогу Будапешта та Києва.', 'uk', '2026-03-10');
  assert.ok(!(doc.layers.events ?? []).some((e) => e.type === 'CONSULT'), JSON.stringify(doc.layers.events));
});

test('time (en): a round that was due to take place on Saturday lies ahead of the report', () => {
  const doc = analyze(
    'Serbia and Kosovo have postponed the next round of EU-mediated talks that was due to take place in Brussels on Saturday, the EU envoy said on Tuesday.',
    'en',
    '2026-03-10',
  );
  const t = (doc.layers.times ?? []).find((x) => /Saturday/.test(x.text));
  assert.equal(t?.value, '2026-03-14');
  const ev = find(doc, 'CONSULT', /serbia|сербі/, /kosovo|косов/);
  assert.equal(ev.status, 'cancelled');
});

test('cancelled (en): postponed talks, dated by the relative clause that scheduled them', () => {
  const doc = analyze(
    "Armenia and Azerbaijan have postponed the fourth round of peace talks that was due to take place in Vienna on Saturday, Kazakhstan's foreign minister said on Thursday.",
    'en',
    '2026-03-10',
  );
  const ev = find(doc, 'CONSULT', /armenia|армен/, /azerbaijan|азербайдж/);
  assert.equal(ev.mode, 'talks');
  assert.equal(ev.status, 'cancelled');
  assert.equal(ev.when?.value, '2026-03-14');
});

test('visit (en): talks that are the purpose of a visit are that visit', () => {
  const doc = analyze('Turkish Foreign Minister Hakan Fidan is expected to visit Beijing next week for talks with Chinese Foreign Minister Wang Yi.', 'en', '2026-03-10');
  const evs = (doc.layers.events ?? []).filter((e) => e.type === 'CONSULT');
  assert.equal(evs.length, 1, JSON.stringify(evs.map((e) => [e.mode, e.actors])));
  assert.equal(evs[0].mode, 'visit');
  assert.equal(evs[0].status, 'planned');
  assert.ok(evs[0].actors.some((a) => /wang|ван/.test(who(doc, a))));
});

test('visit (uk): talks that are the purpose of a planned visit are that visit', () => {
  const doc = analyze('Наступного тижня Сибіга планує відвідати Варшаву для переговорів з міністром закордонних справ Польщі Радославом Сікорським.', 'uk', '2026-03-10');
  const evs = (doc.layers.events ?? []).filter((e) => e.type === 'CONSULT');
  assert.equal(evs.length, 1, JSON.stringify(evs.map((e) => [e.mode, e.actors])));
  assert.equal(evs[0].mode, 'visit');
  assert.equal(evs[0].status, 'planned');
  assert.ok(evs[0].actors.some((a) => /сікорськ|sikorski/.test(who(doc, a))));
});

test('sanction (uk): measures against unnamed ships have one party, the one imposing them', () => {
  const doc = analyze('Того ж дня Канада запровадила власні санкції проти 50 суден тіньового флоту.', 'uk', '2026-03-10');
  const ev = find(doc, 'SANCTION', /canada|канад/);
  assert.equal(ev.status, 'occurred');
  assert.equal(ev.actors.length, 1);
});

test('sanction (ru): sanctions against a named country are not one-party', () => {
  const doc = analyze('Япония ввела новые санкции против России.', 'ru', '2026-03-10');
  const ev = find(doc, 'SANCTION', /japan|япон/, RUSSIA);
  assert.equal(ev.status, 'occurred');
});

test('sanction (uk): the next package of the same side targets what its last one did, planned', () => {
  const doc = analyze(
    'Європейський Союз ухвалив 20-й пакет санкцій проти Білорусі, повідомила у вівторок речниця Єврокомісії. Наступний пакет санкцій ЄС планує підготувати у вересні.',
    'uk',
    '2026-03-10',
  );
  const evs = (doc.layers.events ?? []).filter((e) => e.type === 'SANCTION');
  const next = evs.find((e) => e.status === 'planned');
  assert.ok(next, JSON.stringify(evs.map((e) => [e.actors, e.status])));
  assert.ok(next.actors.some((a) => /belarus|білорус/.test(who(doc, a))));
  assert.equal(next.when?.value, '2026-09');
});

test('assault (ru): a strike on a country by a country; a figurative blow to an economy is none', () => {
  const doc = analyze('Израиль нанес удар по Ливану в ночь на вторник. Санкции ударили по экономике Ирана.', 'ru', '2026-03-10');
  const ev = find(doc, 'ASSAULT', /israel|израил/, /lebanon|ливан/);
  assert.equal(ev.status, 'occurred');
  assert.ok(!(doc.layers.events ?? []).some((e) => e.type === 'ASSAULT' && e.actors.some((a) => /iran|иран/.test(who(doc, a)))));
});

test('assault (uk): a massive strike on a country at night', () => {
  const doc = analyze('Росія вночі завдала масованого удару по Україні.', 'uk', '2026-03-10');
  const ev = find(doc, 'ASSAULT', RUSSIA, /ukrain|україн/);
  assert.equal(ev.status, 'occurred');
});

test('fight (ru, uk): fighting between two countries goes on', () => {
  for (const [text, lang] of [
    ['Бои между Таиландом и Камбоджей продолжаются третий день.', 'ru'],
    ['Бойові дії між Таїландом і Камбоджею тривають.', 'uk'],
  ] as const) {
    const doc = analyze(text, lang, '2026-03-10');
    const ev = find(doc, 'FIGHT', /thailand|таиланд|таїланд/, /cambodia|камбодж/);
    assert.equal(ev.status, 'ongoing');
  }
});

test('disapprove (uk): a diplomatic protest is disapproval, not a street protest', () => {
  const doc = analyze('МЗС Литви висловило протест Білорусі через порушення кордону.', 'uk', '2026-03-10');
  find(doc, 'DISAPPROVE', /lithuania|литв/, /belarus|білорус/);
  assert.ok(!(doc.layers.events ?? []).some((e) => e.type === 'PROTEST'));
});

test('cancelled visit (ru): a trip to the summit just reported is to its organisation', () => {
  const doc = analyze(
    'Президент России Владимир Путин провел переговоры с председателем КНР Си Цзиньпином на полях саммита ШОС в Тяньцзине. Премьер-министр Пакистана Шахбаз Шариф отменил поездку на саммит из-за наводнения.',
    'ru',
    '2026-03-10',
  );
  const ev = find(doc, 'CONSULT', /шариф|sharif/, /sco|шос/);
  assert.equal(ev.mode, 'visit');
  assert.equal(ev.status, 'cancelled');
});

test('cancelled visit (ru): a trip to a named summit is one contact, not a visit and a summit', () => {
  const doc = analyze('Президент Аргентины Хавьер Милей отменил поездку на саммит G20 в Йоханнесбурге.', 'ru', '2026-03-10');
  const evs = (doc.layers.events ?? []).filter((e) => e.type === 'CONSULT');
  assert.equal(evs.length, 1, JSON.stringify(evs.map((e) => [e.mode, e.actors])));
  assert.equal(evs[0].status, 'cancelled');
});

test('postponed visit (uk): a trip called off by its subject', () => {
  const doc = analyze('Президент Фінляндії Александер Стубб скасував поїздку до Вашингтона.', 'uk', '2026-03-10');
  const ev = find(doc, 'CONSULT', /stubb|стубб/, /washington|вашингтон|usa/);
  assert.equal(ev.mode, 'visit');
  assert.equal(ev.status, 'cancelled');
});

test('summit frame (ru): talks on the sidelines of a named summit; the summit is the host side and its organisation', () => {
  const doc = analyze('Президент России Владимир Путин провел переговоры с председателем КНР Си Цзиньпином на полях саммита ШОС в Тяньцзине.', 'ru', '2026-03-10');
  find(doc, 'CONSULT', PUTIN, /xi|си цзиньпин/);
  const summit = (doc.layers.events ?? []).find((e) => e.mode === 'summit');
  assert.ok(summit && summit.actors.some((a) => /sco|шос/.test(who(doc, a))), JSON.stringify(doc.layers.events));
  assert.ok(!summit.actors.some((a) => /xi|си цзиньпин/.test(who(doc, a))));
});

test('summit frame (en): a meeting on the sidelines of an unnamed summit is one contact', () => {
  const doc = analyze('Turkish President Recep Tayyip Erdogan met Greek Prime Minister Kyriakos Mitsotakis on the sidelines of the summit, his office said.', 'en', '2026-03-10');
  const evs = (doc.layers.events ?? []).filter((e) => e.type === 'CONSULT');
  assert.equal(evs.length, 1, JSON.stringify(evs.map((e) => [e.mode, e.actors])));
  assert.equal(evs[0].mode, 'meeting');
});

test('no contact (en): meeting a target is no meeting; meeting a counterpart is', () => {
  const doc = analyze('Italian Prime Minister Giorgia Meloni said Italy would not meet the new spending target. Meloni met German Chancellor Friedrich Merz in Rome on Monday.', 'en', '2026-03-10');
  const evs = (doc.layers.events ?? []).filter((e) => e.type === 'CONSULT');
  assert.equal(evs.length, 1, JSON.stringify(evs.map((e) => [e.mode, e.actors])));
  assert.ok(evs[0].actors.some((a) => /merz|мерц/.test(who(doc, a))));
});

test('re-mention (ru): "we held a constructive meeting" after the talks is those talks', () => {
  const doc = analyze(
    'Министр иностранных дел Армении Арарат Мирзоян и глава МИД Азербайджана Джейхун Байрамов провели в субботу в Абу-Даби переговоры. «Мы провели конструктивную встречу в спокойной атмосфере», — заявил Мирзоян журналистам.',
    'ru',
    '2026-03-10',
  );
  const evs = (doc.layers.events ?? []).filter((e) => e.type === 'CONSULT');
  assert.equal(evs.length, 1, JSON.stringify(evs.map((e) => [e.mode, e.actors, e.status])));
  assert.equal(evs[0].status, 'occurred');
});

test('possible (ru): refusing to comment on a possible meeting does not cancel it', () => {
  const doc = analyze('Официальный представитель МИД Франции Паскаль Конфавро отказался комментировать возможную встречу Макрона и Эрдогана.', 'ru', '2026-03-10');
  const ev = find(doc, 'CONSULT', MACRON, /erdogan|эрдоган/);
  assert.equal(ev.status, 'possible');
});

test('sanction (en, ru): the target country named by its adjective', () => {
  const en = analyze('Venezuela rejected the demands. The United States will impose new sanctions on Venezuelan oil exports, the State Department said.', 'en', '2026-03-10');
  const e1 = find(en, 'SANCTION', /usa|united states|сша/, /venezuela|венесуэл/);
  assert.equal(e1.status, 'planned');
  const ru = analyze('Россия пообещала ответить. Канада ввела санкции против российских банков.', 'ru', '2026-03-10');
  find(ru, 'SANCTION', /canada|канад/, RUSSIA);
  // the country not named in the article: the sanction keeps its named side only
  find(analyze('Канада ввела санкции против российских банков.', 'ru', '2026-03-10'), 'SANCTION', /canada|канад/);
});

test('re-mention (uk): "we discussed" right after a call is that call', () => {
  const doc = analyze(
    'Міністр закордонних справ Польщі Радослав Сікорський провів телефонну розмову з главою МЗС Фінляндії Елiною Валтонен. «Ми обговорили безпеку на Балтиці та підтримку України», — зазначив міністр.',
    'uk',
    '2026-03-10',
  );
  const evs = (doc.layers.events ?? []).filter((e) => e.type === 'CONSULT');
  assert.equal(evs.length, 1, JSON.stringify(evs.map((e) => [e.mode, e.actors, e.status])));
  assert.equal(evs[0].mode, 'call');
});

test('status: a tense-neutral contact verb takes its tense (состоялся: occurred; состоится: planned)', () => {
  const past = analyze('Предыдущий телефонный разговор Макрона и Путина состоялся 11 сентября 2022 года.', 'ru', '2025-07-01');
  assert.equal(find(past, 'CONSULT', MACRON, PUTIN).status, 'occurred');
  const fut = analyze('Встреча Путина и Трампа состоится в Будапеште.', 'ru', '2025-07-01');
  assert.equal(find(fut, 'CONSULT', PUTIN, TRUMP).status, 'planned');
});

test('en: a call that discussed an upcoming summit took place; "agreed to meet" is planned', () => {
  const doc = analyze(
    'Japanese Prime Minister Shigeru Ishiba discussed the upcoming G7 summit with Canadian Prime Minister Mark Carney in a phone call on Monday, Tokyo said. The two leaders agreed to meet on the sidelines of the summit.',
    'en',
    '2025-06-10',
  );
  const call = find(doc, 'CONSULT', /ishiba/, /carney/);
  assert.equal(call.mode, 'call');
  // `upcoming` qualifies the summit, `discussed` (simple past) dates the call: last Monday
  assert.equal(call.status, 'occurred');
  assert.equal(call.when?.value, '2025-06-09');
  const meet = (doc.layers.events ?? []).find((e) => e.mode === 'meeting');
  assert.ok(meet, 'the meeting they agreed on');
  assert.equal(meet.status, 'planned');
});

test('a visit the sides agreed on after a call is a planned contact of its own (ru, uk)', () => {
  const ru = analyze(
    'Президент Казахстана Касым-Жомарт Токаев провел телефонный разговор с премьер-министром Индии Нарендрой Моди. Стороны договорились о визите Моди в Астану осенью.',
    'ru',
    '2025-06-10',
  );
  const call = find(ru, 'CONSULT', /токаев|tokayev/, /моди|modi/);
  assert.equal(call.mode, 'call');
  assert.equal(call.status, 'occurred');
  const visit = (ru.layers.events ?? []).find((e) => e.mode === 'visit');
  assert.ok(visit, 'the agreed visit');
  assert.equal(visit.status, 'planned');
  assert.ok(visit.actors.some((a) => /моди|modi/.test(who(ru, a))));
  const uk = analyze(
    'Президент Фінляндії Александер Стубб провів телефонну розмову з прем’єр-міністром Японії Сігеру Ісібою. Сторони домовилися про візит Ісіби до Гельсінкі наступного року.',
    'uk',
    '2025-06-10',
  );
  const v = (uk.layers.events ?? []).find((e) => e.mode === 'visit');
  assert.ok(v, 'the agreed visit (uk)');
  assert.equal(v.status, 'planned');
});

test('a contact the sides discussed as a topic is not theirs (uk)', () => {
  const doc = analyze(
    'Міністр закордонних справ України Андрій Сибіга зустрівся в Анкарі з главою МЗС Туреччини Хаканом Фіданом. Сторони обговорили підготовку можливих мирних переговорів.',
    'uk',
    '2025-06-10',
  );
  const talks = (doc.layers.events ?? []).filter((e) => e.mode === 'talks');
  for (const t of talks) assert.ok(!(t.actors.some((a) => /сибіга|sybiha/.test(who(doc, a))) && t.actors.some((a) => /фідан|fidan/.test(who(doc, a)))), 'the meeting parties are not the parties of the talks discussed');
});

test('en: the name after an opening adverbial and its comma is the subject, not a listed place', () => {
  for (const text of [
    'In Brussels on Tuesday, NATO Secretary General Mark Rutte and Ukrainian President Volodymyr Zelensky discussed air defence.',
    'During a meeting in Brussels, Rutte and Zelensky discussed air defence.',
  ]) {
    const doc = analyze(text, 'en', '2025-06-10');
    const ev = find(doc, 'CONSULT', /rutte|рютте/, /zelensk|зеленськ|зеленск/);
    assert.equal(ev.status, 'occurred');
  }
});

test('trips: travel to / arrived in (en), отправится в (ru), вирушив до (uk) are visits; cargo is not', () => {
  const en = analyze('U.S. Secretary of State Marco Rubio will travel to Israel next week, the State Department said.', 'en', '2025-06-10');
  const v = find(en, 'CONSULT', RUBIO, /israel|израил|ізраїл/);
  assert.equal(v.mode, 'visit');
  assert.equal(v.status, 'planned');
  const arr = analyze('Rubio arrived in Jerusalem for talks with Israeli Prime Minister Benjamin Netanyahu.', 'en', '2025-06-10');
  assert.equal(find(arr, 'CONSULT', RUBIO, /netanyahu|нетаньяху|нетаньягу/).mode, 'visit');
  const ru = analyze('Госсекретарь США Марко Рубио отправится в Израиль на следующей неделе.', 'ru', '2025-06-10');
  assert.equal(find(ru, 'CONSULT', RUBIO, /israel|израил/).status, 'planned');
  const uk = analyze('Міністр закордонних справ України Андрій Сибіга вирушив до Варшави.', 'uk', '2025-06-10');
  assert.equal(find(uk, 'CONSULT', /sybiha|сибіга|сибига/, /warsaw|варшав|poland|польщ/).status, 'occurred');
  const cargo = analyze('Грузовики с гуманитарной помощью отправились в Херсон.', 'ru', '2025-06-10');
  assert.equal((cargo.layers.events ?? []).length, 0);
});

test('a possibility cue governing the что/що clause (не исключил, что посетит; допустив, що зустрінеться) makes the contact possible', () => {
  const ru = analyze('Премьер-министр Словакии Роберт Фицо не исключил, что посетит Москву в мае.', 'ru', '2026-03-10');
  assert.equal(find(ru, 'CONSULT', /fico|фицо/, /moscow|москв|russia|росси/).status, 'possible');
  const said = analyze('Премьер-министр Словакии Роберт Фицо заявил, что посетит Москву в мае.', 'ru', '2026-03-10');
  assert.equal(find(said, 'CONSULT', /fico|фицо/, /moscow|москв|russia|росси/).status, 'planned');
  const uk = analyze('Прем’єр-міністр Угорщини Віктор Орбан допустив, що зустрінеться з Путіним.', 'uk', '2026-03-10');
  assert.equal(find(uk, 'CONSULT', /orban|орбан/, PUTIN).status, 'possible');
});

test('hosting talks between two sides is no visit of theirs (принять раунд переговоров между ...)', () => {
  const doc = analyze('Глава МИД Турции Хакан Фидан заявил, что Анкара готова принять новый раунд переговоров между Россией и Украиной.', 'ru', '2026-03-10');
  assert.ok(!(doc.layers.events ?? []).some((e) => e.mode === 'visit'), JSON.stringify(doc.layers.events?.map((e) => [e.mode, e.actors])));
  assert.equal(find(doc, 'CONSULT', RUSSIA, /ukrain|украин/).status, 'possible');
});

test('a summit as the time or topic of another contact: not the clause sides’ summit, no party of the call, no date of its own', () => {
  const a = analyze('Macron held a phone call with Putin on Tuesday ahead of the G7 summit.', 'en', '2025-06-10');
  const call = find(a, 'CONSULT', MACRON, PUTIN);
  assert.equal(call.mode, 'call');
  assert.ok(!(a.layers.events ?? []).some((e) => e.mode === 'summit'), 'the G7 summit is no Macron-Putin summit');
  const b = analyze('Trump and Putin discussed the upcoming G20 summit during a phone call on Monday.', 'en', '2025-06-10');
  const c = find(b, 'CONSULT', TRUMP, PUTIN);
  assert.equal(c.mode, 'call');
  assert.ok(!c.actors.some((x) => /g20/.test(who(b, x))), 'G20 names the summit discussed, not a side of the call');
  assert.ok(!(b.layers.events ?? []).some((e) => e.mode === 'summit'), 'an organisation’s summit whose participants are not named');
  // a summit named by nobody but the sides discussing it is theirs
  const r = analyze('Путин и Трамп обсудили по телефону подготовку саммита в Будапеште.', 'ru', '2025-10-17');
  const s = (r.layers.events ?? []).find((e) => e.mode === 'summit');
  assert.ok(s && s.status === 'planned', JSON.stringify(r.layers.events));
});

test('a contact as the time of the clause (накануне саммита НАТО, напередодні саміту) leaves the nominative name after it to the clause', () => {
  const ru = analyze('Накануне саммита НАТО Макрон провел телефонный разговор с Путиным.', 'ru', '2025-06-10');
  assert.equal(find(ru, 'CONSULT', MACRON, PUTIN).mode, 'call');
  const uk = analyze('Напередодні саміту НАТО Зеленський провів телефонну розмову з Макроном.', 'uk', '2025-06-10');
  assert.equal(find(uk, 'CONSULT', /зеленськ|zelensk/, MACRON).mode, 'call');
});

test('en: reported speech — that after a verb is a complementizer, and would after a past cue is a plan (said he would meet), unless governed by a possibility cue', () => {
  const a = analyze('Lavrov said that he would meet Rubio in Geneva next week.', 'en', '2025-06-10');
  assert.equal(find(a, 'CONSULT', LAVROV, RUBIO).status, 'planned');
  const b = analyze('Slovak Prime Minister Robert Fico did not rule out that he would visit Moscow in May.', 'en', '2025-06-10');
  assert.equal(find(b, 'CONSULT', /fico|фицо/, RUSSIA).status, 'possible');
  const c = analyze('Putin would meet Trump only if the deal is ready, analysts believe.', 'en', '2025-06-10');
  assert.equal(find(c, 'CONSULT', PUTIN, TRUMP).status, 'possible');
});

test('en: the speaker of a zero-that report is no party of the contact reported (Peskov told reporters Putin would hold talks with Trump)', () => {
  const a = analyze('Peskov told reporters Putin would hold talks with Trump on Friday.', 'en', '2025-06-10');
  const ev = find(a, 'CONSULT', PUTIN, TRUMP);
  assert.ok(!ev.actors.some((x) => /peskov|песков/.test(who(a, x))), JSON.stringify(ev.actors));
  assert.equal(ev.status, 'planned');
  // a month named May is no modal: `would` alone decides
  const b = analyze('Fico said he would visit Moscow in May.', 'en', '2025-06-10');
  assert.equal(find(b, 'CONSULT', /fico|фицо/, RUSSIA).status, 'planned');
});

test('a person named by an inflected first name and an indeclinable surname keeps the case of the first name (з колегою Джоном Гілі: the meeting is with him)', () => {
  const d = analyze('Крім того, Умєров у понеділок відвідав Лондон, де зустрівся з британським колегою Джоном Гілі.', 'uk', '2025-06-10');
  find(d, 'CONSULT', /умєров|umerov/, /гілі|healey/);
});

test('an institution speaking through its seat after a plural verb (раскритиковали в МИД Украины) is no place of the contact', () => {
  const d = analyze('Визит генсека ООН раскритиковали в МИД Украины.', 'ru', '2024-10-24');
  for (const e of d.layers.events ?? []) {
    if (e.type !== 'CONSULT') continue;
    assert.ok(!e.actors.some((x) => /mfa-ukraine|мид украины/.test(who(d, x))), JSON.stringify(e.actors));
  }
});

test('a counterpart holds the rank of the side whose counterpart it is (з британським колегою Джоном Гілі: ministerial)', () => {
  const d = analyze('Міністр оборони України Рустем Умєров відвідав Лондон, де зустрівся з британським колегою Джоном Гілі.', 'uk', '2025-02-07');
  assert.equal(find(d, 'CONSULT', /умєров|umerov/, /гілі|healey/).level, 'ministerial');
});

test('events and products are no actors (саміт ЄС щодо Brexit: Brexit is the topic)', () => {
  const d = analyze('Лідери країн ЄС на саміті 25 листопада мають схвалити угоду щодо Brexit, яку погодили з Лондоном.', 'uk', '2018-11-20');
  for (const e of d.layers.events ?? []) assert.ok(!e.actors.some((x) => /brexit/i.test(who(d, x))), JSON.stringify(e.actors));
});

test('a second predicate with a modal of its own keeps its modal and date (находится с визитом … и должен вернуться 5 ноября); a plain one shares the date', () => {
  const a = analyze('Премьер-министр Пакистана сейчас находится с визитом в Китае и должен вернуться в страну 5 ноября.', 'ru', '2018-11-01');
  const v = (a.layers.events ?? []).find((e) => e.mode === 'visit');
  assert.ok(v && v.status === 'ongoing' && !v.when, JSON.stringify(a.layers.events));
  const b = analyze('Путин и Си провели переговоры и подписали соглашение во вторник.', 'ru', '2018-11-01');
  assert.equal(find(b, 'CONSULT', PUTIN).when?.value, '2018-10-30');
});

test('a contact noun owned by one named side and no partner is not the clause subject’s (Дэвис объяснил итогами встречи Мэй с членами кабинета)', () => {
  const d = analyze('Свое решение Дэвис объяснил итогами встречи Мэй с членами ее кабинета 6 июля.', 'ru', '2018-07-10');
  assert.ok(!(d.layers.events ?? []).some((e) => e.actors.some((x) => /дэвис|davis/.test(who(d, x)))), JSON.stringify(d.layers.events));
  // with a partner the noun names both sides, and a framing noun still leaves the clause its subject
  const b = analyze('Песков прокомментировал итоги встречи Путина с Макроном.', 'ru', '2018-07-10');
  find(b, 'CONSULT', PUTIN, MACRON);
});

test('a place governed by its own preposition before a name in the nominative is no qualifier of that name (визита Макрона в Москву Путин заявил)', () => {
  const d = analyze('Во время визита Макрона в Москву Путин заявил о готовности к диалогу.', 'ru', '2018-07-10');
  const v = (d.layers.events ?? []).find((e) => e.mode === 'visit');
  assert.ok(v && v.actors.some((x) => MACRON.test(who(d, x))) && v.actors.some((x) => RUSSIA.test(who(d, x))), JSON.stringify(d.layers.events));
});

test('ru, uk: an object pronoun of a contact verb is the person named last before it who is not the subject (Эрдоган встретился с ним; Туск зустрівся з ним)', () => {
  const ru = analyze('Лавров прибыл в Анкару. Эрдоган встретился с ним в президентском дворце.', 'ru', '2025-06-10');
  find(ru, 'CONSULT', /эрдоган|erdogan/, LAVROV);
  const uk = analyze('Сибіга прибув до Варшави. Туск зустрівся з ним у понеділок.', 'uk', '2025-06-10');
  find(uk, 'CONSULT', /туск|tusk/, /сибіга|sybiha/);
  // English object pronouns are left alone (`called him a master`)
  const en = analyze('His former business partner, Lawrence Cummings, called him a master at deals.', 'en', '2025-06-10');
  assert.ok(!(en.layers.events ?? []).some((e) => e.mode === 'call'), JSON.stringify(en.layers.events));
});
