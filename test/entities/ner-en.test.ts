/**
 * The English recogniser (src/entities/ner/en) through the `ner` stage, on news sentences written in
 * the style of wire copy about summits, sanctions and talks.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Mention } from '../../src/doc/model.js';
import { defaultStages, Pipeline } from '../../src/pipeline/index.js';

let pipe: Pipeline;

before(async () => {
  pipe = await new Pipeline(await defaultStages('ner')).load();
});

function mentions(text: string): Mention[] {
  const doc = pipe.analyze({ source: {}, published: '2025-06-25', title: null, text, lang: 'en' });
  assert.equal(doc.lang, 'en');
  return doc.layers.mentions ?? [];
}

const show = (ms: Mention[]) => ms.map((m) => `${m.text}/${m.type}`).join(', ');
const has = (ms: Mention[], text: string, type: string) => ms.some((m) => m.text === text && m.type === type);
const none = (ms: Mention[], text: string) => !ms.some((m) => m.text.includes(text));

describe('ner en: titles are not part of names', () => {
  it('NATO summit lead: Secretary General, President, weekday', () => {
    const ms = mentions(
      'THE HAGUE, June 25 (Reuters) - NATO leaders agreed on Wednesday to raise defence spending to 5% of GDP by 2035, Secretary General Mark Rutte told reporters after the summit.',
    );
    assert.ok(has(ms, 'THE HAGUE', 'LOC'), show(ms));
    assert.ok(has(ms, 'Reuters', 'ORG'), show(ms));
    assert.ok(has(ms, 'NATO', 'ORG'), show(ms));
    assert.ok(has(ms, 'Mark Rutte', 'PER'), show(ms));
    for (const w of ['Wednesday', 'June', 'GDP', 'Secretary', 'leaders']) assert.ok(none(ms, w), `${w}: ${show(ms)}`);
  });

  it('country adjective + title + name: only the name, as PER', () => {
    const ms = mentions(
      'Ukrainian President Volodymyr Zelensky met U.S. President Donald Trump on the sidelines, while Russian President Vladimir Putin stayed away, a White House official said.',
    );
    assert.ok(has(ms, 'Volodymyr Zelensky', 'PER'), show(ms));
    assert.ok(has(ms, 'Donald Trump', 'PER'), show(ms));
    assert.ok(has(ms, 'Vladimir Putin', 'PER'), show(ms));
    assert.ok(has(ms, 'U.S.', 'LOC'), show(ms));
    assert.ok(has(ms, 'White House', 'ORG'), show(ms));
    for (const w of ['Ukrainian', 'Russian', 'President', 'official']) assert.ok(none(ms, w), `${w}: ${show(ms)}`);
  });

  it('an institution before a title stays a mention of its own: Kremlin spokesman, Foreign Minister', () => {
    const ms = mentions(
      'Kremlin spokesman Dmitry Peskov said Moscow was ready for talks, and Turkish Foreign Minister Hakan Fidan offered to host a new round in Istanbul next month.',
    );
    assert.ok(has(ms, 'Kremlin', 'ORG'), show(ms));
    assert.ok(has(ms, 'Dmitry Peskov', 'PER'), show(ms));
    assert.ok(has(ms, 'Moscow', 'LOC'), show(ms));
    assert.ok(has(ms, 'Hakan Fidan', 'PER'), show(ms));
    assert.ok(has(ms, 'Istanbul', 'LOC'), show(ms));
    assert.ok(none(ms, 'Turkish') && none(ms, 'Minister'), show(ms));
  });

  it('a multiword title with `of` and an honorific', () => {
    const ms = mentions(
      'Secretary of State Marco Rubio spoke by phone with Mr. Lavrov on Tuesday, the State Department said in a statement.',
    );
    assert.ok(has(ms, 'Marco Rubio', 'PER'), show(ms));
    assert.ok(has(ms, 'Lavrov', 'PER'), show(ms));
    assert.ok(has(ms, 'State Department', 'ORG'), show(ms));
    assert.ok(none(ms, 'Secretary') && none(ms, 'Tuesday') && none(ms, 'Mr'), show(ms));
  });

  it('after an honorific a title or calendar word is a surname (Mr. King, Mrs. May), a form of address is not (Mr. President)', () => {
    const ms = mentions("Mr. King said that he was not familiar with the network's programming, and Mrs. May declined to comment.");
    assert.ok(has(ms, 'King', 'PER') && has(ms, 'May', 'PER'), show(ms));
    const addr = mentions('“Mr. President, the time has come,” the senator said.');
    assert.ok(none(addr, 'President'), show(addr));
  });
});

describe('ner en: organisations, places and events from internal evidence', () => {
  it('sanctions story: Council of the EU, ministry, bank, party members', () => {
    const ms = mentions(
      'The European Union adopted its 18th package of sanctions against Russia on Friday, targeting the Russian Direct Investment Fund and lenders cooperating with the Central Bank of Russia, while Democrats in Congress urged the Treasury Department to follow.',
    );
    assert.ok(has(ms, 'European Union', 'ORG'), show(ms));
    assert.ok(has(ms, 'Russia', 'LOC'), show(ms));
    assert.ok(has(ms, 'Russian Direct Investment Fund', 'ORG'), show(ms));
    assert.ok(has(ms, 'Central Bank of Russia', 'ORG'), show(ms));
    assert.ok(has(ms, 'Democrats', 'ORG'), show(ms));
    assert.ok(has(ms, 'Congress', 'ORG'), show(ms));
    assert.ok(has(ms, 'Treasury Department', 'ORG'), show(ms));
    assert.ok(none(ms, 'Friday') && none(ms, 'The European'), show(ms));
  });

  it('talks in a city, a conference as an event, a hyphenated pair of countries', () => {
    const ms = mentions(
      'Delegations met in Riyadh for the Russia-Ukraine talks, days after the Munich Security Conference, where Kyiv-based analysts warned that the Black Sea ceasefire would not hold.',
    );
    assert.ok(has(ms, 'Riyadh', 'LOC'), show(ms));
    assert.ok(has(ms, 'Russia', 'LOC') && has(ms, 'Ukraine', 'LOC'), show(ms));
    assert.ok(has(ms, 'Munich Security Conference', 'EVT'), show(ms));
    assert.ok(has(ms, 'Kyiv', 'LOC'), show(ms));
    assert.ok(has(ms, 'Black Sea', 'LOC'), show(ms));
  });

  it('an unknown place after `in` is LOC, an unknown person with a speech verb is PER', () => {
    const ms = mentions(
      'Fighting continued in Kostiantynivka overnight, regional governor Vadym Filashkin said, adding that two civilians were wounded.',
    );
    assert.ok(has(ms, 'Kostiantynivka', 'LOC'), show(ms));
    assert.ok(has(ms, 'Vadym Filashkin', 'PER'), show(ms));
  });
});

describe('ner en: sentence starts, headlines and one sense per document', () => {
  it('a common word at the start of a sentence is no name; a name there is', () => {
    const ms = mentions('Nothing changed after the call. Witkoff said the envoys would meet again. Bill Browder said he was not surprised.');
    assert.ok(none(ms, 'Nothing'), show(ms));
    assert.ok(has(ms, 'Witkoff', 'PER'), show(ms));
    assert.ok(has(ms, 'Bill Browder', 'PER'), show(ms));
  });

  it('a later surname takes the type of the full name: Rutte after Mark Rutte', () => {
    const ms = mentions(
      'Dutch Prime Minister Dick Schoof welcomed Mark Rutte to the summit venue. Rutte later said the alliance was united, and Schoof agreed.',
    );
    assert.ok(has(ms, 'Dick Schoof', 'PER'), show(ms));
    assert.ok(has(ms, 'Rutte', 'PER'), show(ms));
    assert.ok(has(ms, 'Schoof', 'PER'), show(ms));
    assert.ok(none(ms, 'Dutch'), show(ms));
  });

  it('a title-case headline line yields only names vouched for elsewhere', () => {
    const ms = mentions('Zelensky Meets Trump Amid Fresh Sanctions Push\n\nVolodymyr Zelensky met Donald Trump in Rome on Saturday, his office said.');
    assert.ok(none(ms, 'Meets') && none(ms, 'Sanctions') && none(ms, 'Push'), show(ms));
    assert.ok(has(ms, 'Rome', 'LOC'), show(ms));
    assert.ok(ms.filter((m) => m.type === 'PER').length >= 4, show(ms));
  });

  it('offsets point into the text', () => {
    const text = 'Chinese Foreign Minister Wang Yi arrived in Brussels for talks with EU foreign policy chief Kaja Kallas.';
    const ms = mentions(text);
    assert.ok(has(ms, 'Wang Yi', 'PER') && has(ms, 'Kaja Kallas', 'PER') && has(ms, 'Brussels', 'LOC') && has(ms, 'EU', 'ORG'), show(ms));
    for (const m of ms) assert.equal(text.slice(m.start, m.end), m.text);
  });
});

describe('ner en: acronyms', () => {
  it('an ALL-CAPS word of up to six letters that is no common word is an acronym (NAACP, ASEAN), a common one is emphasis', () => {
    const ms = mentions('The prison population exploded, according to the NAACP. ASEAN leaders met in Jakarta. QUESTIONABLE CLAIMS followed.');
    assert.ok(has(ms, 'NAACP', 'ORG') && has(ms, 'ASEAN', 'ORG'), show(ms));
    assert.ok(none(ms, 'CLAIMS') && none(ms, 'QUESTIONABLE'), show(ms));
  });
});
