/**
 * Rules as data (`src/events/rules/<lang>.json`): every rule with an example fires on it (a real
 * sentence from a news report), and stances found by them carry their holder, the event they speak
 * of, the words that state them and the ids of the rules used.
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

function analyze(text: string, lang: string, published = '2026-02-05'): Doc {
  return pipe.analyze({ source: { format: 'text' }, published, title: null, text, lang });
}

function matchTokens(doc: Doc): MatchToken[] {
  return (doc.layers.tokens ?? []).map((t) => ({ lemma: t.kind === 'word' && t.lemma ? foldWord(t.lemma) : t.norm, norm: t.norm, pos: t.pos, tags: t.tags }));
}

function who(doc: Doc, id: string): string {
  const e = doc.layers.entities?.find((x) => x.id === id);
  return [id, e?.name ?? '', ...(e?.mentions.flatMap((m) => [m.lemma, m.text]) ?? [])].join(' ').toLowerCase();
}

function stancesOf(doc: Doc): { ev: DiplomaticEvent; by: string; stance: string; evidence?: string; rules?: string[] }[] {
  return (doc.layers.events ?? []).flatMap((ev) => (ev.stances ?? []).map((s) => ({ ev, by: who(doc, s.by), stance: s.stance, evidence: s.evidence?.text, rules: s.rules })));
}

for (const lang of ['ru', 'uk', 'en']) {
  const file = JSON.parse(readFileSync(resourcePath(`src/events/rules/${lang}.json`), 'utf8')) as { stances: Rule[] };
  test(`stance rules (${lang}): ids are unique and name their language; each example fires its rule`, () => {
    const lx = eventLexicon(lang)!;
    const ids = new Set<string>();
    for (const r of file.stances) {
      assert.ok(r.id.startsWith(`${lang}.stance.`), r.id);
      assert.ok(!ids.has(r.id), `${r.id} twice`);
      ids.add(r.id);
      for (const ex of r.example ?? []) {
        const doc = analyze(ex, lang);
        const toks = matchTokens(doc);
        const hit = lx.stanceRules.scan(toks, 0, toks.length).some((m) => m.rule.id === r.id);
        assert.ok(hit, `${r.id} does not fire on: ${ex}`);
      }
    }
  });
}

test('no comment (ru): both sides that decline, on the visit reported before, with the words that say so', () => {
  const doc = analyze(
    'Накануне агентство Reuters сообщило, что во вторник Москву с целью наладить диалог посетил дипломатический советник Макрона Эммануэль Бонн. Кремль и Елисейский дворец не стали ни подтверждать, ни опровергать эту информацию.',
    'ru',
  );
  const st = stancesOf(doc).filter((s) => s.stance === 'no_comment');
  assert.ok(st.length >= 1);
  for (const s of st) {
    assert.match(s.by, /kremlin|кремл|elysee|елисейск/);
    assert.equal(s.ev.mode, 'visit');
    assert.equal(s.evidence, 'не стали ни подтверждать, ни опровергать');
    assert.deepEqual(s.rules?.slice(0, 2), ['ru.stance.no_comment.ne_stat_ni_ni', 'stance.by.subject']);
  }
});

test('deny (ru): the spokesman denies a meeting the sentence names; he is no party of it', () => {
  const doc = analyze('Песков опроверг сообщения о подготовке встречи Путина и Трампа в феврале.', 'ru', '2018-10-11');
  const s = stancesOf(doc).find((x) => x.stance === 'deny');
  assert.ok(s, JSON.stringify(doc.layers.events));
  assert.match(s.by, /песков|peskov/);
  assert.equal(s.evidence, 'опроверг');
  assert.equal(s.ev.mode, 'meeting');
  assert.ok(!s.ev.actors.some((a) => /песков|peskov/.test(who(doc, a))));
});

test('no comment (uk): a ministry seat (`в МЗС Вірменії`) that neither confirmed nor denied', () => {
  const doc = analyze(
    'Наприкінці лютого у Вірменії анонсували візит Зеленського в цю країну. Водночас в МЗС Вірменії не підтвердили і не спростували цю інформацію.',
    'uk',
    '2024-03-01',
  );
  const s = stancesOf(doc).find((x) => x.stance === 'no_comment');
  assert.ok(s, JSON.stringify(doc.layers.events));
  assert.match(s.by, /мзс|mfa|вірмен|armenia/);
  assert.equal(s.evidence, 'не підтвердили і не спростували');
  assert.ok(s.rules?.includes('stance.by.seat'));
});

test('confirm (uk): the ministry confirms the call of its head reported in the same sentence', () => {
  const doc = analyze(
    'Міністерство оборони США в неділю підтвердило другу за останні три дні розмову глави відомства Ллойда Остіна з главою російського Міноборони Сєрґєєм Шойґу.',
    'uk',
    '2022-10-23',
  );
  const s = stancesOf(doc).find((x) => x.stance === 'confirm');
  assert.ok(s, JSON.stringify(doc.layers.events));
  assert.match(s.by, /міноборони|міністерство оборони|pentagon|пентагон|сша|usa/);
  assert.equal(s.ev.mode, 'call');
  assert.equal(s.evidence, 'підтвердило');
});

test('no comment (en): declined to confirm or deny a call the sentence names', () => {
  const doc = analyze(
    'The Kremlin on Sunday declined to confirm or deny a U.S. report of a phone call between U.S. President Donald Trump and Russian President Vladimir Putin.',
    'en',
    '2025-02-09',
  );
  const s = stancesOf(doc).find((x) => x.stance === 'no_comment');
  assert.ok(s, JSON.stringify(doc.layers.events));
  assert.match(s.by, /kremlin/);
  assert.equal(s.ev.mode, 'call');
  assert.equal(s.evidence, 'declined to confirm or deny');
  assert.ok(!s.ev.actors.some((a) => /kremlin/.test(who(doc, a))));
  // the call reported took place; `on Sunday` dates the refusal, not the call
  assert.equal(s.ev.status, 'occurred');
  assert.equal(s.ev.when ?? null, null);
});

test('no comment (ru): `не смог опровергнуть или подтвердить` the talks it names; the spokesman is no party', () => {
  const doc = analyze('Песков не смог опровергнуть или подтвердить информацию о переговорах РФ и США в Турции.', 'ru', '2022-11-14');
  const s = stancesOf(doc).find((x) => x.stance === 'no_comment');
  assert.ok(s, JSON.stringify(doc.layers.events));
  assert.match(s.by, /песков|peskov/);
  assert.equal(s.evidence, 'не смог опровергнуть или подтвердить');
  assert.ok(!s.ev.actors.some((a) => /песков|peskov/.test(who(doc, a))));
});

test('every event, stance and quote says which rules produced it; evidence is the text it points at', () => {
  const doc = analyze(
    'Президент Франции Эммануэль Макрон и президент России Владимир Путин во вторник провели телефонный разговор. «Мы обсудили ситуацию на Украине», — сказал Макрон. Кремль не стал ни подтверждать, ни опровергать сообщения о подготовке их встречи.',
    'ru',
    '2025-07-02',
  );
  const evs = doc.layers.events ?? [];
  assert.ok(evs.length >= 1);
  for (const e of evs) {
    assert.ok(e.rules && e.rules.length, JSON.stringify(e));
    assert.ok(e.rules.some((r) => r.startsWith('ru.trigger.')), e.rules.join());
    assert.ok(e.rules.some((r) => r.startsWith('status.')), e.rules.join());
    for (const s of e.stances ?? []) {
      assert.ok(s.rules && s.rules.length >= 3);
      assert.equal(doc.text.slice(s.evidence!.start, s.evidence!.end), s.evidence!.text);
    }
  }
  const call = evs.find((e) => e.mode === 'call');
  assert.ok(call?.rules?.includes('status.tense.occurred'));
  const q = (doc.layers.quotes ?? [])[0];
  assert.ok(q?.rules?.includes('quote.direct.cue-after') && q.rules.includes('ru.cue.сказать'), JSON.stringify(q?.rules));
});

test('deny (en): the subject before an apposition holds it; talks said not to have taken place are nobody’s act of the speaker', () => {
  const doc = analyze(
    'The Washington Post reported on Saturday that Ukraine and Russia were scheduled to send delegations to Qatar this month to discuss a significant agreement. Russia’s foreign ministry spokesperson, Maria Zakharova, denied the Washington Post’s claim, asserting that no talks on civilian infrastructure had taken place.',
    'en',
    '2024-08-18',
  );
  const s = stancesOf(doc).find((x) => x.stance === 'deny');
  assert.ok(s, JSON.stringify(doc.layers.events));
  assert.match(s.by, /zakharova/);
  assert.ok(s.rules?.includes('stance.by.subject-before-apposition'));
  for (const ev of doc.layers.events ?? []) assert.ok(!ev.actors.some((a) => /zakharova/.test(who(doc, a))), JSON.stringify(ev.actors));
});

for (const lang of ['ru', 'uk', 'en']) {
  const file = JSON.parse(readFileSync(resourcePath(`src/events/rules/${lang}.json`), 'utf8')) as { roles?: Rule[]; when?: Rule[]; triggers?: Rule[] };
  for (const kind of ['roles', 'when', 'triggers'] as const) {
    test(`${kind} rules (${lang}): ids name their language and kind; each example fires its rule`, () => {
      const lx = eventLexicon(lang)!;
      const set = kind === 'roles' ? lx.roleRules : kind === 'when' ? lx.whenRules : lx.triggerRules;
      for (const r of file[kind] ?? []) {
        assert.ok(r.id.startsWith(`${lang}.${{ roles: 'role', when: 'when', triggers: 'trigger' }[kind]}.`), r.id);
        for (const ex of r.example ?? []) {
          const toks = matchTokens(analyze(ex, lang));
          const hit = toks.some((_, i) => (set as typeof lx.whenRules).matchAt(toks, i, 0, toks.length).some((m) => m.rule.id === r.id));
          assert.ok(hit, `${r.id} does not fire on: ${ex}`);
        }
      }
    });
  }
}

test('role owners (ru): a person’s envoy named after him is the party, not the person he serves', () => {
  const doc = analyze(
    '«Президент Николас Мадуро принимает специального посланника Дональда Трампа — Ричарда Гренелла. И предлагает правительству Соединенных Штатов „обнуленную повестку“», — написал Хиль.',
    'ru',
    '2025-01-31',
  );
  const ev = (doc.layers.events ?? []).find((e) => e.type === 'CONSULT');
  assert.ok(ev, JSON.stringify(doc.layers.events));
  const names = ev.actors.map((a) => who(doc, a)).join(' | ');
  assert.match(names, /гренелл/);
  assert.doesNotMatch(names, /трамп/);
  assert.ok(ev.rules?.includes('party.role-apposition') && ev.rules.includes('ru.role.agent-of-person'), ev.rules?.join());
});

test('role owners (uk): "Президент Росії" is the president the article names; "його спецпредставника Стіва Віткоффа" is Witkoff', () => {
  const doc = analyze(
    'Це перший візит Путіна до держави, яка є членом Міжнародного кримінального суду. Президент Росії прибув до Монголії з офіційним візитом. Президент США Дональд Трамп сказав, що зустріч його спецпредставника Стіва Віткоффа з російським президентом Путіним була “хорошою”.',
    'uk',
    '2024-09-02',
  );
  const evs = doc.layers.events ?? [];
  const visit = evs.find((e) => e.mode === 'visit');
  assert.ok(visit, JSON.stringify(evs));
  assert.match(visit.actors.map((a) => who(doc, a)).join(' | '), /путін/);
  assert.ok(visit.rules?.includes('party.role-holder'), visit.rules?.join());
  const meet = evs.find((e) => e.mode === 'meeting');
  assert.ok(meet, JSON.stringify(evs));
  const names = meet.actors.map((a) => who(doc, a)).join(' | ');
  assert.match(names, /віткофф/);
  assert.match(names, /путін/);
  assert.doesNotMatch(names, /трамп/);
});

test('when (uk): talks that began, dated by the next sentence reporting them (when.report-anaphor)', () => {
  const doc = analyze(
    'У місті Джидда в Саудівській Аравії розпочалися переговори делегацій України та США. Про це повіомило МЗС у вівторок, 11 березня.',
    'uk',
    '2025-03-11',
  );
  const ev = (doc.layers.events ?? []).find((e) => e.type === 'CONSULT');
  assert.ok(ev, JSON.stringify(doc.layers.events));
  assert.equal(ev.when?.value, '2025-03-11');
  assert.ok(ev.rules?.includes('when.report-anaphor') && ev.rules.includes('uk.when.report-anaphor'), ev.rules?.join());
});

test('when (en, ru): the lead event of a datelined report takes the article date; an earlier one does not', () => {
  const doc = analyze(
    'ST. PETERSBURG, April 11. /TASS/. Special envoy of the Russian president and chief executive of the Russian Direct Investment Fund (RDIF) Kirill Dmitriev has described talks with visiting US special presidential envoy Steve Witkoff as productive.',
    'en',
    '2025-04-11',
  );
  const evs = doc.layers.events ?? [];
  const talks = evs.find((e) => e.type === 'CONSULT');
  assert.ok(talks, JSON.stringify(evs));
  assert.equal(talks.when?.value, '2025-04-11');
  assert.ok(talks.rules?.includes('when.dateline'));
  // an event told as earlier takes no date from the article
  const prev = analyze('В Петербурге началась встреча Владимира Путина со спецпосланником Трампа Стивом Уиткоффом. Предыдущая встреча политиков состоялась в Кремле.', 'ru', '2025-04-11');
  for (const e of prev.layers.events ?? []) if (/Предыдущая/.test(prev.text.slice(e.start, e.end))) assert.equal(e.when, null, JSON.stringify(e));
});

test('a bracketed alias stays in its clause; two sides as joint subjects agree with each other (en)', () => {
  const ru = analyze('Европейский союз (ЕС) официально утвердил девятый пакет санкций против России. Об этом сообщается в заявлении, опубликованном на сайте Совета ЕС.', 'ru', '2022-12-16');
  const sanction = (ru.layers.events ?? []).find((e) => e.type === 'SANCTION');
  assert.ok(sanction, JSON.stringify(ru.layers.events));
  assert.match(sanction.actors.map((a) => who(ru, a)).join(' | '), /европейский союз|ес/);
  const en = analyze('In a significant diplomatic breakthrough, India and Pakistan have agreed to an immediate and comprehensive ceasefire following an intense round of U.S.-mediated negotiations.', 'en', '2025-05-10');
  const agree = (en.layers.events ?? []).find((e) => e.type === 'AGREE');
  assert.ok(agree, JSON.stringify(en.layers.events));
  assert.deepEqual(agree.actors.map((a) => who(en, a).split(' ')[0]).sort(), ['india', 'pakistan']);
  assert.ok(agree.rules?.includes('actors.joint-subjects'));
});

test('an ultimatum as a term given (ru, uk): THREATEN by the subject against the dative object, with the pattern rule id', () => {
  for (const [text, lang] of [
    ['Президент США Дональд Трамп заявил, что очень недоволен действиями России, и дал Путину 50 дней.', 'ru'],
    ['Трамп дав російському диктатору Володимиру Путіну 10 днів на припинення вогню.', 'uk'],
  ] as const) {
    const doc = analyze(text, lang, '2025-07-14');
    const ev = (doc.layers.events ?? []).find((e) => e.type === 'THREATEN');
    assert.ok(ev, `${lang}: ${JSON.stringify(doc.layers.events)}`);
    assert.match(who(doc, ev.actors[0]), /трамп/);
    assert.match(ev.actors.slice(1).map((a) => who(doc, a)).join(' '), /путін|путин/);
    assert.ok(ev.rules?.includes(`${lang}.trigger.ultimatum.dat-days`), ev.rules?.join());
  }
});

test('no comment (ru): a promise to announce a meeting if it happens, on the possible meeting with the president named by his title', () => {
  const doc = analyze(
    'Специальный представитель Президента США Дональда Трампа Трэвис Уиткофф прибыл в Россию. На уточняющий вопрос о возможной встрече Уиткоффа с Президентом России Владимиром Путиным Песков ответил: «Если будет, мы сообщим».',
    'ru',
    '2025-04-11',
  );
  const meeting = (doc.layers.events ?? []).find((e) => e.mode === 'meeting');
  assert.ok(meeting, JSON.stringify(doc.layers.events));
  const names = meeting.actors.map((a) => who(doc, a)).join(' | ');
  assert.match(names, /уиткофф/);
  assert.match(names, /путин/);
  assert.doesNotMatch(names, /песков/);
  assert.equal(meeting.status, 'possible');
  const st = (meeting.stances ?? []).find((s) => s.stance === 'no_comment');
  assert.ok(st && /песков/.test(who(doc, st.by)), JSON.stringify(meeting.stances));
  assert.ok(st.rules?.includes('ru.stance.no_comment.esli_budet_soobshchim'));
});

test('no call (en): naming something (`what it called a "civilian" airship`) is no phone call', () => {
  const doc = analyze(
    'A US official confirmed the postponement to Reuters. China earlier expressed regret that what it called a "civilian" airship had strayed into US territory after being blown off course.',
    'en',
    '2023-02-03',
  );
  assert.ok(!(doc.layers.events ?? []).some((e) => e.mode === 'call'), JSON.stringify(doc.layers.events));
});

test('two contacts of one sentence keep their own status and parties (uk): talks held, and the possibility of talks between others discussed', () => {
  const doc = analyze(
    'Президент США Дональд Трамп сказав, що зустріч його спецпредставника Стіва Віткоффа з російським президентом Путіним була “хорошою”. Спецпредставник Трампа провів трьохгодинні перемовини з Путіним у Москві, де обговорили можливість відновлення прямих переговорів між Росією та Україною.',
    'uk',
    '2025-04-25',
  );
  const evs = doc.layers.events ?? [];
  const ru = evs.filter((e) => e.actors.some((a) => /україна/.test(who(doc, a))));
  assert.equal(ru.length, 1, JSON.stringify(evs));
  assert.equal(ru[0].status, 'possible');
  assert.ok(evs.some((e) => e.status === 'occurred' && e.actors.some((a) => /віткофф/.test(who(doc, a)))), JSON.stringify(evs));
});

test('headline and body telling the same talks are one event (uk); an abbreviation after a noun is its genitive, no subject (ru)', () => {
  const doc = analyze(
    'Делегації України і США розпочали зустріч у Джидді\n\nУ місті Джидда в Саудівській Аравії розпочалися переговори делегацій України та США. Про це повіомило МЗС у вівторок, 11 березня.',
    'uk',
    '2025-03-11',
  );
  assert.equal((doc.layers.events ?? []).filter((e) => e.type === 'CONSULT').length, 1, JSON.stringify(doc.layers.events));
  const ru = analyze('Но после начала операции ВСУ в Курской области российские чиновники отложили визит в Доху.', 'ru', '2024-08-17');
  for (const e of ru.layers.events ?? []) assert.ok(!e.actors.some((a) => /всу/.test(who(ru, a))), JSON.stringify(e));
});

test('deny (en): talks in a format named by its sides that will not be held; "We deny." before the quotation is its speaker’s; a report called a fiction is denied by the one quoted', () => {
  const doc = analyze(
    'The Ministry of Foreign Affairs of Ukraine stated that no meetings in the Ukraine-Russia format will be held or planned in Ankara on April 15-16. This was reported to UNN journalist by the spokesman of the Ministry of Foreign Affairs of Ukraine, Georgiy Tykhyi.\n\nWe deny. No meetings in the Ukraine-Russia format will be held or planned in Ankara on April 15-16. - said Tykhyi.\n\nAddition\n\nJournalist Alla Mazur, referring to the words of Foreign Minister Andriy Sybiha, reported that the information of the Turkish media about the direct negotiations between Ukraine and Russia in Ankara on security in the Black Sea is a fiction.',
    'en',
    '2025-04-14',
  );
  const evs = (doc.layers.events ?? []).filter((e) => e.type === 'CONSULT');
  assert.equal(evs.length, 1, JSON.stringify(evs));
  const ev = evs[0];
  assert.equal(ev.status, 'none');
  assert.ok(ev.rules?.includes('party.format'), ev.rules?.join());
  const by = (ev.stances ?? []).filter((s) => s.stance === 'deny').map((s) => who(doc, s.by)).join(' | ');
  assert.match(by, /tykhyi/);
  assert.match(by, /sybiha/);
});

test('deny (en): a denial followed by what it asserts speaks of the contact said not to have taken place', () => {
  const doc = analyze(
    'The Washington Post reported on Saturday that Ukraine and Russia were scheduled to send delegations to Qatar this month to discuss a significant agreement to cease attacks on energy and power infrastructure on both sides. Zakharova dismissed the report, stating, “No one broke anything off because there was nothing to break off.” She emphasized that there had been no direct or indirect negotiations between Russia and Ukraine regarding the safety of civilian infrastructure.',
    'en',
    '2024-08-18',
  );
  const none = (doc.layers.events ?? []).find((e) => e.status === 'none');
  assert.ok(none, JSON.stringify(doc.layers.events));
  const st = (none.stances ?? []).find((s) => s.stance === 'deny');
  assert.ok(st && /zakharova/.test(who(doc, st.by)), JSON.stringify(none.stances));
  assert.ok(st.rules?.includes('stance.on.denied-content'));
});

test('page furniture (ru): a related-links block after the article yields no events', () => {
  const doc = analyze(
    'Госсекретарь США Энтони Блинкен сообщил в соцсети X, что провел разговор с новым министром иностранных дел Украины Андреем Сибигой.\nРанее украинский парламент поддержал назначение Сибиги на должность министра иностранных дел Украины вместо уволенного Дмитрия Кулебы.\n\nМинувшей ночью в украинских регионах снова гремели взрывы на фоне воздушной тревоги\nSpiegel: В Индии сочли оскорблением реакцию Запада на визит Владимира Путина\nГидрометцентр: В трех федеральных округах России начнутся сильные морозы\nВоздушная тревога второй раз за ночь объявлена на всей территории Украины',
    'ru',
    '2024-09-07',
  );
  const evs = doc.layers.events ?? [];
  assert.ok(evs.some((e) => e.mode === 'call'), JSON.stringify(evs));
  for (const e of evs) assert.ok(!/Spiegel/.test(doc.text.slice(e.start, e.end)), JSON.stringify(e));
});

test('a delegation of a named side (ru): talks between the delegations of Ukraine and the US are talks between Ukraine and the US', () => {
  const doc = analyze('В Джидде (Саудовская Аравия) начались переговоры между делегациями Украины и США, сообщает МИД Украины.', 'ru', '2025-03-11');
  const ev = (doc.layers.events ?? []).find((e) => e.type === 'CONSULT');
  assert.ok(ev, JSON.stringify(doc.layers.events));
  const names = ev.actors.map((a) => who(doc, a)).join(' | ');
  assert.match(names, /украин/);
  assert.match(names, /сша/);
});
