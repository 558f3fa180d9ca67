/**
 * What analysis workers send back (src/cli/commands/transfer.ts): a document cloned with its tokens
 * in 'index' form gives a store exactly the search terms of the whole document, and one sent with
 * 'none' gives the same parley/article@1 as the whole document.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toArticleJson } from '../../src/contract/article.js';
import type { RawArticle } from '../../src/doc/model.js';
import { docForTransfer, docFromTransfer } from '../../src/cli/commands/transfer.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { indexTerms } from '../../src/store/index-terms.js';

const ARTICLES: RawArticle[] = [
  {
    id: 'ru-call',
    title: 'Макрон и Путин обсудили переговоры',
    text: 'Президент Франции Эммануэль Макрон провёл телефонный разговор с Владимиром Путиным. Стороны обсудили подготовку переговоров в Стамбуле, сообщили в Кремле.',
    published: '2025-07-01',
    source: {},
  },
  {
    id: 'uk-meeting',
    title: 'Сибіга зустрівся з Рютте',
    text: 'Міністр закордонних справ України Андрій Сибіга зустрівся в Брюсселі з генсеком НАТО Марком Рютте. Вони обговорили оборонну допомогу.',
    published: '2025-03-11',
    source: {},
  },
  {
    id: 'en-visit',
    title: 'Lammy visits Kyiv',
    text: 'British Foreign Secretary David Lammy arrived in Kyiv on Monday and met President Volodymyr Zelensky, his office said.',
    published: '2025-02-18',
    source: {},
  },
];

describe('worker transfer forms', async () => {
  const pipeline = await createPipeline();
  const docs = ARTICLES.map((a) => pipeline.analyze(a));

  it("'index' tokens give the store the same search terms", () => {
    for (const doc of docs) {
      const back = docFromTransfer(structuredClone(docForTransfer(doc, 'index')));
      assert.ok(doc.layers.tokens!.length > 10);
      assert.equal(back.layers.tokens!.length, doc.layers.tokens!.length);
      assert.ok(doc.layers.tokens!.some((t) => t.alts && t.alts.length), 'some token has alternative readings');
      const terms = (d: typeof doc) => indexTerms(d.text, d.title, d.lang, d.layers.tokens!);
      assert.deepEqual(terms(back), terms(doc));
      assert.deepEqual(toArticleJson(back), toArticleJson(doc));
      // the fields a store reads, token by token
      back.layers.tokens!.forEach((t, i) => {
        const o = doc.layers.tokens![i];
        assert.deepEqual(
          [t.start, t.end, t.text, t.lemma, t.kind, t.pos, t.alts?.map((a) => [a.lemma, a.source])],
          [o.start, o.end, o.text, o.lemma, o.kind, o.pos, o.alts?.map((a) => [a.lemma, a.source])],
        );
      });
    }
  });

  it("'none' gives the same article JSON, and 'full' the document as it is", () => {
    for (const doc of docs) {
      const none = docFromTransfer(structuredClone(docForTransfer(doc, 'none')));
      assert.equal(none.layers.tokens, undefined);
      assert.deepEqual(toArticleJson(none), toArticleJson(doc));
      assert.equal(docForTransfer(doc, 'full'), doc);
    }
  });

  it("the 'index' form is a fraction of the whole tokens layer to clone", async () => {
    const { serialize } = await import('node:v8');
    for (const doc of docs) assert.ok(serialize(docForTransfer(doc, 'index')).length < serialize(doc).length * 0.75);
  });
});
