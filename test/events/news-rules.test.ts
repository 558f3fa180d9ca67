/**
 * Rules added for real news (issue 14): each on real sentences of published reports (the development
 * half of eval/news/ and the pages they come from), with the id of the rule that decided.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { DiplomaticEvent, Doc } from '../../src/doc/model.js';
import { eventLexicon } from '../../src/events/lexicon.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { resourcePath } from '../../src/pipeline/resources.js';
import { foldWord, type MatchToken, type Rule } from '../../src/rules/match.js';

const pipe = await createPipeline();

function analyze(text: string, lang: string, published: string): Doc {
  return pipe.analyze({ source: { format: 'text' }, published, title: null, text, lang });
}

const events = (d: Doc): DiplomaticEvent[] => d.layers.events ?? [];
const has = (e: DiplomaticEvent, ...ids: string[]) => ids.every((id) => e.actors.includes(id));

for (const lang of ['ru', 'uk', 'en']) {
  const file = JSON.parse(readFileSync(resourcePath(`src/events/rules/${lang}.json`), 'utf8')) as { when: Rule[] };
  test(`plan-before when rules (${lang}): each example fires its rule`, () => {
    const lx = eventLexicon(lang)!;
    const rules = file.when.filter((r) => (r.produces as { kind?: string } | undefined)?.kind === 'plan-before');
    assert.ok(rules.length >= 1);
    for (const r of rules) {
      assert.ok(r.example?.length, `${r.id} has no example`);
      for (const ex of r.example ?? []) {
        const d = analyze(ex, lang, '2024-11-15');
        const toks: MatchToken[] = (d.layers.tokens ?? []).map((t) => ({ lemma: t.kind === 'word' && t.lemma ? foldWord(t.lemma) : t.norm, norm: t.norm, pos: t.pos, tags: t.tags }));
        const hit = toks.some((_, k) => lx.whenRules.matchAt(toks, k, 0, toks.length).some((m) => m.rule.id === r.id));
        assert.ok(hit, `${r.id} does not fire on: ${ex}`);
      }
    }
  });
}

test('failed to meet (en): the sitting did not take place, and it is no news of the planned one', () => {
  const d = analyze(
    'Presidents Luiz Inácio Lula da Silva and Volodymyr Zelensky of Ukraine will hold their first-ever in-person bilateral meeting on Wednesday while in New York for the United Nations General Assembly meeting. The two presidents failed to meet during the G7 summit in Japan.',
    'en',
    '2023-09-18',
  );
  const failed = events(d).find((e) => e.rules?.includes('status.failed-cue'));
  assert.ok(failed, JSON.stringify(events(d)));
  assert.equal(failed.status, 'none');
  const plan = events(d).find((e) => e.when?.value === '2023-09-20' && has(e, 'lula', 'zelensky'));
  assert.equal(plan?.status, 'planned');
});

test('a date of the report does not date the reported contact (en, when.not-of-report)', () => {
  const d = analyze(
    'Earlier on Monday, the Kremlin said Guterres would meet with Putin on the sidelines of the summit on Thursday to discuss the “Middle East crisis and the situation around Ukraine”, as well as the ongoing work of the UN.',
    'en',
    '2024-10-22',
  );
  const m = events(d).find((e) => e.mode === 'meeting' && e.actors.includes('putin'));
  assert.ok(m, JSON.stringify(events(d)));
  assert.equal(m.status, 'planned');
  assert.equal(m.when?.value, '2024-10-24');
  assert.ok(m.rules?.includes('when.not-of-report'));
});

test('a plan reported before the call is the plan of the call that took place (ru, merge.plan-told-before)', () => {
  const d = analyze(
    'Канцлер Германии Олаф Шольц провел телефонный разговор с президентом России Владимиром Путиным. Об этом сообщает Süddeutsche Zeitung.\nОтметим, что за некоторое время до звонка издание Bloomberg сообщило, что Шольц планирует провести телефонный разговор с Путиным.',
    'ru',
    '2024-11-15',
  );
  const calls = events(d).filter((e) => e.mode === 'call');
  assert.equal(calls.length, 1, JSON.stringify(calls));
  assert.equal(calls[0].status, 'occurred');
  assert.ok(calls[0].rules?.includes('merge.plan-told-before'));
  assert.ok(calls[0].rules?.includes('ru.when.plan-before.before-contact'));
});

test('a headline infinitive is a plan (en, status.headline-infinitive)', () => {
  const d = analyze('Lula and Zelensky to hold first in-person meeting in New York', 'en', '2023-09-18');
  const m = events(d).find((e) => e.mode === 'meeting');
  assert.equal(m?.status, 'planned');
  assert.ok(m?.rules?.includes('status.headline-infinitive'));
});

test('`Xi` alone after `Xi Jinping` is Xi (the first word of a name written family name first)', () => {
  const d = analyze(
    'Chinese President Xi Jinping landed in Moscow on Monday (March 20) for his first state visit to Russia since the Ukraine war started last year in February. Xi will hold a summit with his Russian counterpart Vladimir Putin as he eyes a "new momentum" to bilateral ties during the crucial visit.',
    'en',
    '2023-03-20',
  );
  const s = events(d).find((e) => e.mode === 'summit');
  assert.ok(s && has(s, 'xi', 'putin'), JSON.stringify(events(d)));
  assert.equal(s.status, 'planned');
});

test('a planned summit and the talks planned at it are one plan (en, merge.plan-talks)', () => {
  const d = analyze(
    'Xi Jinping landed in Moscow on Monday. Xi will hold a summit with his Russian counterpart Vladimir Putin as he eyes a "new momentum" to bilateral ties during the crucial visit. Meanwhile, the Kremlin said that Putin and Xi will discuss peace proposals set out by Beijing to resolve the conflict in Ukraine during their talks in the Russian capital.',
    'en',
    '2023-03-20',
  );
  const plans = events(d).filter((e) => e.type === 'CONSULT' && e.status === 'planned' && has(e, 'xi', 'putin'));
  assert.equal(plans.length, 1, JSON.stringify(plans));
  assert.ok(plans[0].rules?.includes('merge.plan-talks'));
});

test('neither side has confirmed (ru): both parties hold no_comment (stance.by.parties)', () => {
  const d = analyze(
    'Канцлер Германии Олаф Шольц провел телефонный разговор с президентом России Владимиром Путиным. Об этом сообщает Süddeutsche Zeitung.\nОтмечается, что этот звонок стал первым разговором между Шольцем и Путиным за последние два года. При этом ни одна из сторон пока не подтвердила эту информацию официально.',
    'ru',
    '2024-11-15',
  );
  const call = events(d).find((e) => e.mode === 'call');
  assert.ok(call, JSON.stringify(events(d)));
  const nc = (call.stances ?? []).filter((s) => s.stance === 'no_comment').map((s) => s.by);
  assert.ok(nc.includes('scholz') && nc.includes('putin'), JSON.stringify(call.stances));
  assert.ok(call.stances!.every((s) => s.rules?.includes('stance.by.parties') || s.stance !== 'no_comment'));
});

test('names in apposition to a plural noun are the joint subject (uk, subject.implicit.coordinated)', () => {
  const d = analyze(
    'Як зазначається, довгоочікувана зустріч президентів Туреччини та Росії щодо долі зернової ініціативи відбудеться всього через кілька днів після того, як дипломати двох країн, Хакан Фідан і Сергій Лавров, провели переговори з цього ж питання, а також з інших двосторонніх і регіональних питань у Москві.',
    'uk',
    '2023-09-01',
  );
  const t = events(d).find((e) => e.rules?.includes('subject.implicit.coordinated'));
  assert.ok(t, JSON.stringify(events(d)));
  assert.ok(has(t, 'fidan', 'lavrov'), JSON.stringify(t.actors));
  assert.equal(t.status, 'occurred');
});

test('a contact named as the object of a stance is the contact reported, with its status and date (uk, merge.stance-object)', () => {
  const d = analyze(
    'ЗМІ: Держсекретар США Тіллерсон може в квітні відвідати Росію\nВівторок, 21 березня 2017, 02:41\nДержсекретар США Рекс Тіллерсон планує відвідати Росію 12 квітня.\nПро це повідомляє Reuters з посиланням на двох чиновників США.\nОфіційний представник Держдепу США Марк Тонер не прокоментував візит Тіллерсона в Росію.',
    'uk',
    '2017-03-21',
  );
  const visits = events(d).filter((e) => e.mode === 'visit');
  assert.equal(visits.length, 1, JSON.stringify(visits));
  const v = visits[0];
  assert.equal(v.status, 'planned');
  assert.equal(v.when?.value, '2017-04-12');
  assert.ok(v.rules?.includes('merge.stance-object'), JSON.stringify(v.rules));
  assert.ok(v.stances?.some((s) => s.stance === 'no_comment' && /toner/i.test(s.by)), JSON.stringify(v.stances));
});

test('two sides as the subjects of an agreement noun\'s light verb agree with each other (ru, en: actors.joint-subjects)', () => {
  const ru = analyze(
    'Как пишет издание, Сааба выпустили в обмен за освобождение по меньшей мере десяти американцев, находившихся в тюрьмах боливарианской республики, после того, как Вашингтон и Каракас достигли соглашения о возвращении граждан США, отбывавших заключение в Венесуэле.',
    'ru',
    '2023-12-20',
  );
  const a = events(ru).find((e) => e.type === 'AGREE');
  assert.ok(a, JSON.stringify(events(ru)));
  assert.ok(a.rules?.includes('actors.joint-subjects'));
  assert.equal(a.actors.length, 2);
  const en = analyze(
    '(MENAFN) Turkish President Recep Tayyip Erdogan announced that Somalia and Ethiopia, two neighboring countries in the Horn of Africa with differing views on the separatism of the Somaliland region, have reached a joint declaration aimed at resolving their dispute.',
    'en',
    '2024-12-12',
  );
  const b = events(en).find((e) => e.type === 'AGREE');
  assert.ok(b && has(b, 'somalia', 'ethiopia'), JSON.stringify(events(en)));
  assert.ok(b.rules?.includes('en.trigger.declaration') && b.rules.includes('actors.joint-subjects'));
});

test('a term given to a dative pronoun is an ultimatum to the one it stands for (ru, uk: party.dative-pronoun)', () => {
  const ru = analyze(
    '14 июля Трамп заявил, что очень недоволен действиями нелегитимного президента РФ Владимира Путина, и дал ему 50 дней на заключение мирного соглашения с Украиной, в противном случае Штаты введут высокие тарифы против России.',
    'ru',
    '2025-07-29',
  );
  const t = events(ru).find((e) => e.type === 'THREATEN');
  assert.ok(t && has(t, 'trump', 'putin'), JSON.stringify(events(ru)));
  assert.ok(t.rules?.includes('party.dative-pronoun') && t.rules.includes('ru.trigger.ultimatum.dat-days'));
  const uk = analyze('Як відомо, 14 липня Трамп повідомив, що незадоволений Кремлем і дав йому 50 днів терміну, щоб укласти справедливу угоду з Україною.', 'uk', '2025-07-29');
  const u = events(uk).find((e) => e.type === 'THREATEN');
  assert.ok(u && has(u, 'trump', 'kremlin'), JSON.stringify(events(uk)));
  assert.ok(u.rules?.includes('party.dative-pronoun'));
});

test('knowing nothing of a contact is no comment on it, and the contact so named is the one reported (ru, merge.stance-object)', () => {
  const d = analyze(
    'Напомним, ранее агентство Рейтер опубликовало сведения, что Тиллерсон собирается посетить Москву 12 апреля. Замглавы МИД РФ Сергей Рябков сообщил, что и он пока не располагает информацией о визите Тиллерсона в Россию.',
    'ru',
    '2017-03-21',
  );
  const visits = events(d).filter((e) => e.mode === 'visit');
  assert.equal(visits.length, 1, JSON.stringify(visits));
  assert.equal(visits[0].status, 'planned');
  assert.ok(visits[0].rules?.includes('merge.stance-object'));
  const st = visits[0].stances?.find((s) => s.by === 'ryabkov');
  assert.equal(st?.stance, 'no_comment', JSON.stringify(visits[0].stances));
  assert.ok(st?.rules?.includes('ru.stance.no_comment.ne_raspolagaet_informatsiey'));
});

test('a visit put off names the date it had, not a new one; `is to visit` is a plan and its purpose talks are that visit (en)', () => {
  const d = analyze(
    'Secretary of State Antony Blinken is postponing a visit to China that had been expected to start on Friday after a Chinese spy balloon was tracked flying across the country, a U.S. official said.',
    'en',
    '2023-02-03',
  );
  const v = events(d).find((e) => e.mode === 'visit');
  assert.ok(v, JSON.stringify(events(d)));
  assert.equal(v.status, 'cancelled');
  assert.ok(!v.rules?.includes('status.rescheduled'), JSON.stringify(v.rules));
  assert.equal(v.when?.value, '2023-02-03');
  const e = analyze(
    'Turkish President Recep Tayyip Erdogan is to visit Russia “soon” for talks with Vladimir Putin on reviving a deal to ship grain across the Black Sea, his party spokesman said Monday.',
    'en',
    '2023-08-28',
  );
  const cs = events(e).filter((x) => x.type === 'CONSULT');
  assert.equal(cs.length, 1, JSON.stringify(cs));
  assert.equal(cs[0].status, 'planned');
  assert.ok(cs[0].rules?.includes('merge.visit-purpose') && has(cs[0], 'erdogan', 'putin'));
});

test('a place tagged nominative after a preposition of direction is the destination (ru, party.destination)', () => {
  const d = analyze('Президент РФ Владимир Путин о время визита в Улан-Батор пригласил монгольскую делегацию посетить в октябре форум «Россия — спортивная держава».', 'ru', '2024-09-03');
  const v = events(d).find((e) => e.mode === 'visit' && e.actors.includes('putin') && e.rules?.includes('party.destination'));
  assert.ok(v, JSON.stringify(events(d)));
  assert.equal(v.actors.length, 2);
});

test('a name opening the sentence before a finite verb is the subject of the clause after the colon (uk, subject.implicit.matrix)', () => {
  const d = analyze('Сибіга провів перші телефонні розмови на новій посаді: поспілкувався із Сікорським та Попшоєм', 'uk', '2024-09-06');
  const c = events(d).find((e) => e.mode === 'call' && e.actors.includes('sikorski'));
  assert.ok(c, JSON.stringify(events(d)));
  assert.ok(c.actors.includes('sybiha') && c.rules?.includes('subject.implicit.matrix'), JSON.stringify(c));
});

test('one visit told twice, once with one party more, dated the same week (en, merge.same-happening)', () => {
  const d = analyze(
    'The Vatican announced Tuesday that Cardinal Matteo Zuppi will visit Moscow this week as part of the peace mission entrusted to him by Pope Francis. Zuppi will arrive in Russia’s capital on June 28, less than one week after a paramilitary organization known as the Wagner Group rebelled against the Russian government in a short-lived revolt.',
    'en',
    '2023-06-27',
  );
  const vs = events(d).filter((e) => e.type === 'CONSULT' && e.mode === 'visit');
  assert.equal(vs.length, 1, JSON.stringify(vs));
  assert.equal(vs[0].status, 'planned');
  assert.equal(vs[0].when?.value, '2023-06-28');
  assert.ok(vs[0].rules?.includes('merge.same-happening'), JSON.stringify(vs[0].rules));
});

test('`the two leaders`, `ці двоє` after an article, a demonstrative or a subordinator are the sides of the contact just told (en, uk: actors.sides-of-previous)', () => {
  for (const [lang, text] of [
    ['en', 'Chancellor Olaf Scholz and President Emmanuel Macron will hold talks in Berlin on Tuesday. The two leaders failed to meet at the G20 summit in Brazil.'],
    ['uk', 'Канцлер Олаф Шольц і президент Еммануель Макрон проведуть переговори в Берліні у вівторок. Вони домовилися про це після того, як ці двоє не змогли зустрітися на саміті G20 у Бразилії.'],
  ]) {
    const d = analyze(text, lang, '2024-11-15');
    const failed = events(d).find((e) => e.rules?.includes('actors.sides-of-previous'));
    assert.ok(failed, `${lang}: ${JSON.stringify(events(d))}`);
    assert.equal(failed.status, 'none');
    assert.deepEqual([...failed.actors].sort(), ['macron', 'scholz']);
    assert.ok(events(d).some((e) => e.status === 'planned' && has(e, 'scholz', 'macron')));
  }
});

test('an English office after its owner is the office holder: the one the article gives that office, else the one compatriot it names (en: party.role-holder, party.role-compatriot)', () => {
  const a = analyze(
    'Ukraine’s top diplomat held talks with Chinese Foreign Minister Wang Yi in Guangzhou on Wednesday. Dmytro Kuleba is the first Ukrainian minister to travel to China since 2022.',
    'en',
    '2024-07-24',
  );
  const talks = events(a).find((e) => e.mode === 'talks');
  assert.ok(talks && has(talks, 'kuleba', 'wang-yi') && !talks.actors.includes('ukraine'), JSON.stringify(events(a)));
  assert.ok(talks.rules?.includes('party.role-compatriot'));
  const b = analyze(
    'US special envoy Steve Witkoff arrived in St. Petersburg on Friday. The US envoy met Russian President Vladimir Putin at the Presidential Library. Donald Trump said the talks went well.',
    'en',
    '2025-04-11',
  );
  const met = events(b).find((e) => e.mode === 'meeting');
  assert.ok(met && has(met, 'witkoff', 'putin') && !met.actors.includes('usa') && !met.actors.includes('trump'), JSON.stringify(events(b)));
  assert.ok(met.rules?.includes('party.role-holder'));
});

test('a plan told without a date beside the same contact that took place on a given day is that contact told again (en: merge.undated-retelling)', () => {
  const d = analyze(
    'Chinese President Xi Jinping arrived in Moscow on Monday for a state visit to Russia. Xi said he was confident that the visit will be fruitful.',
    'en',
    '2023-03-20',
  );
  const visits = events(d).filter((e) => e.mode === 'visit');
  assert.equal(visits.length, 1, JSON.stringify(events(d)));
  assert.equal(visits[0].status, 'occurred');
  assert.equal(visits[0].when?.value, '2023-03-20');
  assert.ok(visits[0].rules?.includes('merge.undated-retelling'));
});

test('a headline naming more parties is no better telling than the body sentence of the same visit (ru: merge.body-over-headline)', () => {
  const d = analyze(
    'Председатель КНР Си Цзиньпин прибыл с государственным визитом в Россию, сообщает ТАСС.\nСамолет китайского лидера приземлился в аэропорту Внуково.\nО чем заявили Путин и Си перед визитом китайского лидера в Россию — главное',
    'ru',
    '2023-03-20',
  );
  const visits = events(d).filter((e) => e.mode === 'visit');
  assert.equal(visits.length, 1, JSON.stringify(events(d)));
  assert.ok(d.text.slice(visits[0].start, visits[0].end).startsWith('Председатель КНР'), d.text.slice(visits[0].start, visits[0].end));
  assert.equal(visits[0].when?.value, '2023-03-20');
  assert.ok(visits[0].rules?.includes('merge.body-over-headline'));
});

test('a sitting told as another one with its own date is neither the sitting reported nor its date (ru: otherOccasion words, not inside a time expression nor on a noun after the contact)', () => {
  const d = analyze(
    'В Санкт-Петербурге началась встреча президента России Владимира Путина со спецпосланником президента США Стивом Уиткоффом. Предыдущая встреча политиков состоялась 13 марта в Кремле.',
    'ru',
    '2025-04-11',
  );
  const meetings = events(d).filter((e) => e.mode === 'meeting' && has(e, 'putin', 'witkoff'));
  assert.deepEqual(meetings.map((e) => e.when?.value).sort(), ['2025-03-13', '2025-04-11'], JSON.stringify(events(d)));
  // `с новым государственным секретарем` qualifies the secretary, `на следующей неделе` dates the meeting
  const call = events(analyze('Министр иностранных дел Украины Андрей Сибига провел первый телефонный разговор с новым государственным секретарем США Марко Рубио.', 'ru', '2025-02-13'));
  assert.equal(call.length, 1);
  assert.equal(call[0].when?.value, '2025-02-13');
});

test('a contact noun after a stance cue that is the subject of its own verb keeps that verb’s tense (en: not status.stance-object)', () => {
  const d = analyze(
    'The Kremlin has confirmed a meeting between Russian President Vladimir Putin and North Korean leader Kim Jong Un will take place in the coming days.',
    'en',
    '2023-09-11',
  );
  const m = events(d).find((e) => e.mode === 'meeting');
  assert.ok(m, JSON.stringify(events(d)));
  assert.equal(m.status, 'planned');
  assert.ok(!m.rules?.includes('status.stance-object'));
});

test('`asked about` is a question put to the speaker, no request (en: notTriggers ask about)', () => {
  const d = analyze('“That is not true,” the White House spokesman Robert Gibbs said when asked about the reports of the former president’s trip.', 'en', '2009-08-04');
  assert.ok(!events(d).some((e) => e.type === 'REQUEST'), JSON.stringify(events(d)));
  const r = analyze('President Barack Obama asked Bill Clinton to help free the two journalists.', 'en', '2009-08-04');
  assert.ok(events(r).some((e) => e.type === 'REQUEST' && e.actors.length === 2), JSON.stringify(events(r)));
});

test('a planned contact takes the date of the next sentence whose subject is that contact (`when.next-anaphor`, ru/uk/en)', () => {
  const date = (text: string, lang: string) => {
    const d = analyze(text, lang, '2025-10-17');
    return events(d).filter((e) => e.type === 'CONSULT');
  };
  const ru = date('Путин и Трамп обсудили возможность новой встречи. Она может состояться на следующей неделе.', 'ru');
  assert.equal(ru.length, 1, JSON.stringify(ru));
  assert.equal(ru[0].when?.value, '2025-W43');
  assert.ok(ru[0].rules?.includes('when.next-anaphor') && ru[0].rules?.includes('ru.when.next-anaphor.pronoun-fem'), JSON.stringify(ru[0].rules));
  // the morphology's gender of `зустріч` is overridden by the lexicon's (`nounFeatures`)
  const uk = date('Зеленський і Ердоган домовилися про зустріч. Вона може відбутися наступного тижня.', 'uk').find((e) => e.mode === 'meeting');
  assert.equal(uk?.when?.value, '2025-W43', JSON.stringify(uk));
  assert.ok(uk?.rules?.includes('uk.when.next-anaphor.pronoun-fem'));
  const en = date('Trump said he would meet Putin in Budapest. It could take place as early as next week.', 'en');
  assert.equal(en[0]?.when?.value, '2025-W43', JSON.stringify(en));
  assert.ok(en[0].rules?.includes('en.when.next-anaphor.pronoun'));
  // a pronoun that does not agree with the contact's noun is something else
  const other = date('Путин и Трамп обсудили возможность нового визита. Она может состояться на следующей неделе.', 'ru');
  assert.ok(other.every((e) => !e.rules?.includes('when.next-anaphor')), JSON.stringify(other));
  // a contact told with no status cue of its own is planned by the sentence that dates it
  const bare = date('Переговоры Лаврова и Блинкена в Женеве. Они могут пройти 23 октября.', 'ru');
  assert.equal(bare[0]?.status, 'planned', JSON.stringify(bare));
  assert.equal(bare[0].when?.value, '2025-10-23');
  assert.ok(bare[0].rules?.includes('status.next-anaphor') && !bare[0].rules?.includes('status.default'), JSON.stringify(bare[0].rules));
  // a contact that took place keeps its own date (the rule is for plans)
  const past = date('Вчера Путин и Трамп провели переговоры. Они могут продолжиться на следующей неделе.', 'ru');
  assert.ok(past.every((e) => !e.rules?.includes('when.next-anaphor')), JSON.stringify(past));
});
