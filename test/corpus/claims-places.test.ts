// Places in claim merging: a region of several countries (the Middle East) cannot be told apart
// from a town within it (Doha), so two reports of one postponed meeting, one placed in Doha and one
// "because of the situation in the Middle East", are not kept apart by their places. Real passages
// (eval/news dev: the Qatar-mediated talks derailed in August 2024, a Ukrainian and an English report).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toArticleJson } from '../../src/contract/article.js';
import { clash } from '../../src/corpus/claims/compat.js';
import { reportsOf } from '../../src/corpus/claims/report.js';
import { createPipeline } from '../../src/pipeline/index.js';
import type { ArticleJson } from '../../src/store/types.js';

const pipe = await createPipeline();
const art = (id: string, lang: 'uk' | 'en', published: string, text: string) =>
  toArticleJson(pipe.analyze({ id, source: {}, published, title: null, text, lang })) as ArticleJson;

const uk = art('uk', 'uk', '2024-08-17', `Про це пише WP.
Україна та Росія планували відправити делегації до Катару для переговорів про припинення ударів по енергетичній інфраструктурі, але Кремль відмовився від цих переговорів через операцію Збройних Сил України в Курській області.
Непрямі переговори між Україною та Росією за посередництва Катару були зірвані через наступ ЗСУ в Курській області РФ.
Дипломати повідомили, що російська сторона відклала зустріч з катарськими офіційними особами, вважаючи дії України “ескалацією”, і зазначили, що Київ не попередив Доху про свій наступ.
Учасники переговорів сподівалися на можливість досягнення угоди про припинення війни.
Росія не зривала переговори, але попросила час для обдумування, заявив дипломат. Україна планувала відправити делегацію до Дохи, але Катар відмовився через недоцільність односторонньої зустрічі.
Офіс президента України повідомив, що саміт у Досі перенесено через ситуацію на Близькому Сході, але він відбудеться у форматі відеоконференції 22 серпня.`);
const en = art('en', 'en', '2024-08-18', `Washington Post: Ukraine's offensive has derailed indirect talks with Russia The Washington Post says Russia and Ukraine were preparing to hold indirect talks on halting strikes on their energy and power infrastructure. But it says the negotiations have been derailed by Ukraine’s cross-border operation into Russia’s western Kursk region.

The Washington Post on Saturday quoted diplomatic sources as saying Ukraine and Russia were set to send delegations to the Qatari capital Doha this month to negotiate a landmark agreement halting strikes on energy and power infrastructure on both sides in what would have amounted to a partial ceasefire.

It says the indirect talks, with Qatar serving as a mediator and meeting separately with the Ukrainian and Russian delegations, were canceled at Russia’s request.

In response to questions from the Washington Post, Ukraine’s presidential office said the meeting in Doha had been postponed, but it would take place in a video conference format on August 22.`);

test('a region of several countries is no place to compare with a town in one of them', () => {
  const region = reportsOf(uk as never).find((r) => r.place === 'middle-east');
  const town = reportsOf(en as never).find((r) => r.place === 'doha' && r.when?.value === '2024-08-22');
  assert.ok(region && town, 'the postponed meeting in both reports');
  assert.equal(region.placeIsLoc, false);
  assert.equal(town.placeIsLoc, true);
  assert.notEqual(clash(region, town), 'place');
  assert.notEqual(clash(town, region), 'place');
});
