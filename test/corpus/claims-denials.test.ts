// Claims: a denial (`none`: no such contact) is a report on the contact others tell of, not a
// happening of its own (talks said to have been derailed, then said never to have been held: one
// claim, its history ending in the denial); and a phone call is never a meeting: a report of talks
// that fits both joins one of them and does not bridge the two. Real sentences (eval/news dev texts:
// the Doha talks on energy strikes, Aug 2024; the seeds' Lavrov-Rubio call).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toArticleJson } from '../../src/contract/article.js';
import { clash, modesApart } from '../../src/corpus/claims/compat.js';
import { recluster } from '../../src/corpus/claims/assign.js';
import { reportsOf, type Report } from '../../src/corpus/claims/report.js';
import { createPipeline } from '../../src/pipeline/index.js';
import type { ArticleJson } from '../../src/store/types.js';

const pipe = await createPipeline();
const art = (id: string, lang: 'ru' | 'uk' | 'en', published: string | null, text: string) =>
  toArticleJson(pipe.analyze({ id, source: {}, published, title: null, text, lang })) as ArticleJson;
const consult = (a: ArticleJson) => reportsOf(a as never).filter((r) => r.type === 'CONSULT');

const derailed = art('derailed', 'ru', '2024-08-17',
  'Украина и РФ должны были отправить делегации в Доху (Катар) в августе для переговоров по соглашению о прекращении ударов по энергетической инфраструктуре с обеих сторон, но переговоры были сорваны операцией в Курской области, пишет американское издание The Washington Post в субботу.');
const denied = art('denied', 'en', '2024-08-18',
  'She emphasized that there had been no direct or indirect negotiations between Russia and Ukraine regarding the safety of civilian infrastructure.');

test('a denial of talks reported the day before is the same claim as the report it answers', () => {
  const [a] = consult(derailed);
  const [b] = consult(denied);
  assert.ok(a && b, 'both texts give the talks');
  assert.equal(b.status, 'none');
  assert.notEqual(a.status, 'none');
  assert.equal(clash(a, b), null);
  assert.equal(clash(b, a), null);
  const placed = recluster([a, b]);
  assert.equal(new Set(placed.map((p) => p.claim)).size, 1);
});

test('a denial far from the contact it would answer stays apart', () => {
  const [a] = consult(derailed);
  const later = art('denied-later', 'en', '2024-11-20', (denied as { text: string }).text);
  const [b] = consult(later);
  assert.equal(clash(a, b), 'date');
});

test('a call and a meeting are never one happening; talks of the same sides join one and do not bridge them', () => {
  const call = art('call', 'uk', '2025-10-21', '21 жовтня головний російський дипломат Сергій Лавров провів телефонну розмову з держсекретарем США Марко Рубіо.');
  const meeting = art('meeting', 'uk', '2025-10-21', 'Сергій Лавров зустрівся з держсекретарем США Марко Рубіо.');
  const talks = art('talks', 'uk', '2025-10-21', 'Сергій Лавров провів переговори з держсекретарем США Марко Рубіо.');
  const [c] = consult(call);
  const [m] = consult(meeting);
  const [t] = consult(talks);
  assert.ok(c && m && t, 'the three texts give the contact');
  assert.deepEqual([c.mode, m.mode, t.mode], ['call', 'meeting', 'talks']);
  assert.ok(modesApart(c, m));
  assert.ok(!modesApart(c, t) && !modesApart(m, t));
  const claimOf = (ps: { claim: string; report: Report }[]) => new Map(ps.map((p) => [p.report.article, p.claim]));
  for (const order of [[c, t, m], [m, t, c], [t, c, m]]) {
    const g = claimOf(recluster(order));
    assert.notEqual(g.get('call'), g.get('meeting'));
    assert.ok(g.get('talks') === g.get('call') || g.get('talks') === g.get('meeting'));
  }
});

test('a call and a standing channel in place are apart; contacts only being prepared may be the call', () => {
  const mk = (status: string): Report => ({ ...consult(art('x', 'uk', '2025-10-21', 'Сергій Лавров провів переговори з держсекретарем США Марко Рубіо.'))[0], mode: 'channel', status });
  const [c] = consult(art('call2', 'uk', '2025-10-21', '21 жовтня Сергій Лавров провів телефонну розмову з держсекретарем США Марко Рубіо.'));
  assert.ok(modesApart(c, mk('ongoing')));
  assert.ok(!modesApart(c, mk('possible')));
});
