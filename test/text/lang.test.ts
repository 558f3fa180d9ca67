import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createDoc } from '../../src/doc/create.js';
import { Context } from '../../src/pipeline/context.js';
import type { Stage } from '../../src/pipeline/stage.js';
import { createLangStage, letterEvidence } from '../../src/text/lang/index.js';

let stage: Stage;
const ctx = new Context();

before(async () => {
  stage = createLangStage();
  await stage.load?.(ctx);
});

function detect(text: string, declared?: string): { lang: string; meta: Record<string, unknown> } {
  const doc = createDoc({ source: {}, published: null, title: null, text, lang: declared ?? null });
  stage.run(doc, ctx);
  return { lang: doc.lang, meta: doc.meta.lang as Record<string, unknown> };
}

test('whole articles: ru and uk seeds, decided by letters, scores recorded', () => {
  const ru = detect(
    'МОСКВА, 5 фев — РИА Новости. Россия сохраняет контакты с некоторыми европейскими странами, но их лидеры не предлагают ничего нового, рассказал глава МИД Сергей Лавров. "Они звонят и просят не объявлять об этих разговорах", — сказал он в интервью.',
  );
  assert.equal(ru.lang, 'ru');
  assert.ok(ru.meta.by === 'letters' || ru.meta.by === 'model');
  const uk = detect(
    'Особиста зустріч очільника МЗС РФ Сергія Лаврова та держсекретаря США Марко Рубіо, яку було скасовано Вашингтоном, для обговорення мирного врегулювання війни в Україні все ще може відбутися. Про свою готовність до таких переговорів Лавров заявив пропагандистам російського «РИА Новости».',
  );
  assert.equal(uk.lang, 'uk');
  assert.ok(typeof uk.meta.scores === 'object');
});

test('short Russian and Ukrainian headlines (SlavicNER) come out right', () => {
  const cases: [string, string][] = [
    ['Джереми Хант назначен главой МИД Великобритании', 'ru'],
    ['Вакцинация от коронавируса: нужно ли делать прививку', 'ru'],
    ['Пакистанская армия заявила о готовности защищать суд', 'ru'],
    ['Газпром прокомментировал заявление Нафтогаза', 'ru'],
    ['Мей не вдалося досягнути прориву на переговорах', 'uk'],
    ['Китай схвалив першу власну вакцину для всіх', 'uk'],
    ['Газпром прокоментував заяву Нафтогазу', 'uk'],
    ['Мей виключила проведення другого референдуму', 'uk'],
    ['Лавров заявив про готовність до переговорів', 'uk'],
    ['Лавров заявил о готовности к переговорам', 'ru'],
  ];
  for (const [text, want] of cases) assert.equal(detect(text).lang, want, text);
});

test('a Ukrainian outlet writing in Russian is Russian (Ukrainian names and a Ukrainian declared language do not flip it)', () => {
  // seed 003: UNIAN's Russian edition
  const r = detect(
    'Инициативы, которые могут помочь положить конец полномасштабной войне России против Украины, должны поощряться. Как передает корреспондент УНИАН, об этом генеральный секретарь НАТО Марк Рютте заявил на пресс-конференции в Брюсселе накануне заседания министров обороны стран-членов Альянса.',
    'uk',
  );
  assert.equal(r.lang, 'ru');
  // SlavicNER brexit: a UNIAN headline in Russian
  assert.equal(detect('УНИАН (ИА): Джереми Хант сменил Бориса Джонсона на посту главы МИД Великобритании', 'uk').lang, 'ru');
  const r2 = detect('Зеленский встретился с Трампом в Нью-Йорке', 'uk');
  assert.equal(r2.lang, 'ru');
});

test('a Ukrainian article that opens with a Russian quote is Ukrainian', () => {
  const r = detect(
    '«Мы готовы к переговорам, но условия должны учитывать интересы России», — заявил Лавров. Про це очільник МЗС РФ сказав в інтерв’ю російським ЗМІ. Лавров також традиційно звинуватив країни ЄС та Британію у перешкоджанні діалогу Росії та США. Він вважає, що основою для потенційної угоди повинні стати домовленості, досягнуті під час саміту на Алясці.',
  );
  assert.equal(r.lang, 'uk');
});

test('English and other languages', () => {
  assert.equal(detect('Russian Foreign Minister Sergei Lavrov said Moscow was ready to meet Secretary of State Marco Rubio.').lang, 'en');
  // English apostrophes are not Ukrainian evidence (PolNeAR, Politico)
  assert.equal(
    detect("\u201cHe's absolutely right. There's a severe disconnect between this White House and frankly the president and our military,\u201d Flynn said. \u201cI mean, there's a lot of frustration within the ranks.\u201d").lang,
    'en',
  );
  assert.equal(detect('Der russische Außenminister Sergej Lawrow traf sich am Montag mit dem amerikanischen Außenminister in Genf.').lang, 'de');
  assert.equal(detect('Руският външен министър Сергей Лавров заяви, че Москва е готова за среща със САЩ в Женева.').lang, 'bg');
  assert.equal(detect('Міністр замежных спраў Расіі заявіў, што Масква гатовая да сустрэчы ў Жэневе.').lang, 'be');
  // other Cyrillic alphabets are not taken for Russian even when the model is unsure
  assert.equal(detect('Қазақстан Республикасының Президенті Мәскеуге сапармен барды').lang, 'kk');
  assert.equal(detect('Татарстан Республикасы Президенты Мәскәүгә килде').lang, 'tt');
});

test('empty or letterless text is und; the declared language is only a hint', () => {
  assert.equal(detect('12:30 — 15.02.2026').lang, 'und');
  assert.equal(detect('Путин провел переговоры с Макроном', 'en').lang, 'ru');
});

test('letter evidence counts distinctive letters in either case', () => {
  const l = letterEvidence('Її ЄС ґанок — ЭТО Ёж ы');
  assert.equal(l.uk, 4);
  assert.equal(l.ru, 3);
});
