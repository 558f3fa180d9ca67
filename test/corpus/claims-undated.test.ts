// Claims and reports with no date at all (an article without a publication date, an event without
// a `when`): such a report joins the claim of the same contact that other articles date, through a
// person both name, in either order of arrival and on both stores; a measure between countries alone
// (sanctions of the EU against Russia) recurs, so an undated one does not join a dated one of
// another year. Real sentences (eval/news dev texts: Sybiha's first call with Sikorski, Sept 2024;
// the EU's ninth and eighteenth sanctions packages).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toArticleJson } from '../../src/contract/article.js';
import { listClaims, type ClaimJson } from '../../src/corpus/index.js';
import { clash } from '../../src/corpus/claims/compat.js';
import { recluster } from '../../src/corpus/claims/assign.js';
import { reportsOf } from '../../src/corpus/claims/report.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { ArticleJson, Store } from '../../src/store/types.js';
import { STORE_KINDS, type StoreKind } from '../store/stores.js';

const tmp = mkdtempSync(join(tmpdir(), 'parley-claims-undated-'));
const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of drops) await d().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
});

const pipe = await createPipeline();
const art = (id: string, lang: 'ru' | 'uk', published: string | null, text: string) =>
  toArticleJson(pipe.analyze({ id, source: {}, published, title: null, text, lang })) as ArticleJson;

const callUk = art('call-uk', 'uk', '2024-09-06',
  'Новий міністр закордонних справ України Андрій Сибіга провів перші телефонні розмови на новій посаді. На своїй сторінці у соцмережі X він розповів, що поспілкувався телефоном зі своїм польським колегою Радославом Сікорським, аби підтвердити українсько-польське стратегічне партнерство і добросусідські відносини.');
const callRu = art('call-ru', 'ru', null,
  '"Сегодня утром у меня состоялся мой первый телефонный разговор в качестве министра иностранных дел Украины с польским коллегой Радославом Сикорским", - отметил Андрей Сибига.');
const ninth = art('ninth', 'ru', '2022-12-16', 'Европейский союз (ЕС) официально утвердил девятый пакет санкций против России.');
const eighteenth = art('eighteenth', 'uk', null, 'Європейський Союз запроваджує 18-й пакет санкцій проти Росії, який спрямований на ключові сектори російської економіки.');

const first = (a: ArticleJson, type: string) => reportsOf(a as never).find((r) => r.type === type)!;

test('an undated report of a call is compatible with the dated one through the persons; undated sanctions of countries alone are not', () => {
  const dated = first(callUk, 'CONSULT');
  const undated = first(callRu, 'CONSULT');
  assert.ok(dated && undated, 'both texts give the call');
  assert.deepEqual([...undated.actors].sort(), ['sikorski', 'sybiha']);
  assert.equal(undated.pubDay, null);
  assert.equal(undated.whenRange, null);
  assert.equal(clash(dated, undated), null);
  assert.equal(clash(undated, dated), null);
  const s9 = first(ninth, 'SANCTION');
  const s18 = first(eighteenth, 'SANCTION');
  assert.ok(s9 && s18, 'both texts give the sanctions');
  assert.equal(clash(s9, s18), 'date');
});

test('an undated report joins a claim only when it fits just one: with two dated calls of the same ministers it stays apart', () => {
  // the same report of the call published again four months later (another call of the two)
  const later = art('call-uk-later', 'uk', '2025-01-10', (callUk as { text: string }).text);
  const once = recluster([first(callUk, 'CONSULT'), first(callRu, 'CONSULT')]);
  assert.equal(new Set(once.map((p) => p.claim)).size, 1, 'one dated call: the undated report joins it');
  const twice = recluster([first(callUk, 'CONSULT'), first(later, 'CONSULT'), first(callRu, 'CONSULT')]);
  const claimOf = new Map(twice.map((p) => [p.report.article, p.claim]));
  assert.notEqual(claimOf.get('call-uk'), claimOf.get('call-uk-later'), 'two calls four months apart');
  assert.equal(new Set(twice.map((p) => p.claim)).size, 3, 'the undated report cannot tell which: its own claim');
});

async function open(kind: StoreKind, name: string): Promise<Store> {
  if (kind.name === 'sqlite') return new SqliteStore(join(tmp, name));
  const loc = await kind.create();
  drops.push(() => loc.done());
  return loc.open();
}

const groups = (cs: ClaimJson[]) => cs.map((c) => `${c.id}=${c.reports.map((r) => r.article).sort().join(',')}`).sort();

for (const kind of STORE_KINDS)
  test(`the undated article joins the dated claim in either order; the sanctions stay two claims (${kind.name})`, async () => {
    const seen: string[][] = [];
    for (const [n, order] of [[callUk, callRu, ninth, eighteenth], [eighteenth, callRu, ninth, callUk]].entries()) {
      const s = await open(kind, `order-${n}.db`);
      for (const a of order) await s.putArticle(a);
      const claims: ClaimJson[] = [];
      for await (const c of listClaims(s)) claims.push(c);
      const call = claims.filter((c) => c.type === 'CONSULT' && c.actors.includes('sikorski') && c.actors.includes('sybiha') && c.mode === 'call');
      assert.equal(call.length, 1, 'one claim of the call');
      assert.deepEqual([...new Set(call[0].reports.map((r) => r.article))].sort(), ['call-ru', 'call-uk']);
      // the dated report names the claim and leads its history
      assert.equal(call[0].firstReported.article, 'call-uk');
      const sanctions = claims.filter((c) => c.type === 'SANCTION');
      assert.equal(sanctions.length, 2, 'the ninth and the eighteenth package are two claims');
      seen.push(groups(claims));
      await s.close();
    }
    assert.deepEqual(seen[1], seen[0], 'the same claims and ids in either order');
  });
