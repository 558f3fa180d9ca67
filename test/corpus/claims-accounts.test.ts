// Claims: an undated account of what happened, published on or after a dated happening, says only
// that the happening came before its publication. When it fits two dated claims of the same sides
// (Trump's 50-day ultimatum of 14 July and his 10-day one of 29 July 2025; an account published on
// 29 July of the first), the day it was published is no distance to either: it joins the one it
// tells of by what it says, not the one published the same day. Real sentences (eval/news dev texts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toArticleJson } from '../../src/contract/article.js';
import { clash } from '../../src/corpus/claims/compat.js';
import { recluster } from '../../src/corpus/claims/assign.js';
import { reportsOf, type Report } from '../../src/corpus/claims/report.js';
import { createPipeline } from '../../src/pipeline/index.js';
import type { ArticleJson } from '../../src/store/types.js';

const pipe = await createPipeline();
const art = (id: string, lang: 'ru' | 'uk', published: string, text: string) =>
  toArticleJson(pipe.analyze({ id, source: {}, published, title: null, text, lang })) as ArticleJson;
const threat = (a: ArticleJson) => reportsOf(a as never).find((r) => r.type === 'THREATEN');

test('an undated account joins the dated happening it fits best by what it says, not by its publication day', () => {
  const fifty = threat(art('fifty', 'ru', '2025-07-14', 'Трамп заявил, что "очень недоволен" действиями России, и дал Путину 50 дней на заключение сделки.'));
  const ten = threat(art('ten', 'uk', '2025-07-29', 'Трамп дав російському диктатору Володимиру Путіну 10 днів на припинення вогню в Україні.'));
  const told = threat(art('told', 'ru', '2025-07-29',
    '14 июля Трамп заявил, что очень недоволен действиями нелегитимного президента РФ Владимира Путина, и дал ему 50 дней на заключение мирного соглашения с Украиной.'));
  assert.ok(fifty && ten && told, 'the three texts give the threat');
  // the account as a report with no date of its own (the text's date left out), published on the 29th
  const undated: Report = { ...told, when: null, whenRange: null, status: fifty.status };
  const dated = (r: Report, day: string): Report => {
    const d = Math.floor(Date.parse(day) / 86400000);
    return { ...r, when: { value: day }, whenRange: [d, d] };
  };
  const a = dated(fifty, '2025-07-14');
  const b = { ...dated(ten, '2025-07-29'), status: fifty.status };
  assert.equal(clash(a, b), 'date', 'two ultimatums two weeks apart');
  assert.equal(clash(undated, a), null);
  assert.equal(clash(undated, b), null);
  for (const order of [[a, b, undated], [undated, b, a]]) {
    const claimOf = new Map(recluster(order).map((p) => [p.report.article, p.claim]));
    assert.notEqual(claimOf.get('fifty'), claimOf.get('ten'));
    assert.equal(claimOf.get('told'), claimOf.get('fifty'));
  }
});
