// Passages credited to outside sources (`attributions`) and quotes relayed by an outlet (`via`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Doc } from '../../src/doc/model.js';
import { analyze, entityName, quoteStarting, speakerName } from './helpers.js';

function credited(d: Doc, prefix: string): string[] {
  return (d.layers.attributions ?? []).filter((a) => d.text.slice(a.start, a.end).startsWith(prefix)).map((a) => entityName(d, a.source) ?? a.source);
}

test('ru: агентство Reuters сообщило, что … is an attribution, not a quote', async () => {
  const d = await analyze('Накануне агентство Reuters сообщило, что во вторник Москву посетил дипломатический советник Макрона Эммануэль Бонн.');
  assert.match(credited(d, 'во вторник Москву').join(' '), /Reuters/);
  assert.equal(quoteStarting(d, 'во вторник Москву'), undefined);
});

test('ru: По информации ТАСС, … credits the passage and the quote inside carries `via`', async () => {
  const d = await analyze('По информации российского агентства "ТАСС", пресс-секретарь президента РФ Дмитрий Песков сообщил, что две страны действительно ведут работу на рабочем уровне.');
  assert.match(credited(d, 'пресс-секретарь').join(' '), /ТАСС|TASS/i);
  const q = quoteStarting(d, 'две страны');
  assert.ok(q);
  assert.match(speakerName(d, q) ?? '', /Песков/);
  assert.match(entityName(d, q.via) ?? '', /ТАСС|TASS/i);
});

test('ru: цитирует издание Макрона — Macron speaks, the outlet relays', async () => {
  const d = await analyze(
    'Ранее издание Politico писало, что Макрон готовит почву для восстановления контактов с Россией.\n\n"Важно, чтобы европейцы восстановили собственные каналы связи, это готовится на техническом уровне", — цитирует издание Макрона.',
  );
  const q = quoteStarting(d, 'Важно, чтобы');
  assert.ok(q);
  assert.match(speakerName(d, q) ?? '', /Макрон/);
  assert.match(entityName(d, q.via) ?? '', /Politico/);
  assert.match(credited(d, 'Макрон готовит').join(' '), /Politico/);
});

test('ru: Как сообщал УНИАН, … / Как передает корреспондент УНИАН, …', async () => {
  const d = await analyze(
    'Как сообщал УНИАН, недавно французский президент Макрон заявил, что Франция возобновила контакты с Россией на техническом уровне.',
  );
  assert.match(credited(d, 'недавно французский').join(' '), /УНИАН|UNIAN|УНІАН/i);
  const q = quoteStarting(d, 'Франция возобновила');
  assert.ok(q);
  assert.match(speakerName(d, q) ?? '', /Макрон/);
});

test('uk: …, повідомляє Reuters / пише Politico (inverted credit)', async () => {
  const d = await analyze('Про це заявив головний переговірник ЄС Мішель Барньє на брифінгу після зустрічі міністрів, повідомляє Reuters.');
  assert.match(credited(d, 'Про це заявив').join(' '), /Reuters/);
});

test('en: as reported by / according to an outlet', async () => {
  const d = await analyze('Clinton’s team avoided taking her to the emergency room, according to The New York Times.', 'en');
  assert.match(credited(d, 'Clinton’s team').join(' '), /New York Times/);
});

test('ru: an outlet the lists do not know is still an outlet after `телеканал` or with `передает`', async () => {
  const d = await analyze('55 тысяч европейцев пострадают от забастовки пилотов ирландской авиакомпании Ryanair, передает телеканал N-TV.');
  assert.equal((d.layers.quotes ?? []).length, 0, 'no quote from an outlet');
  assert.ok((d.layers.attributions ?? []).some((a) => d.text.slice(a.start, a.end).startsWith('55 тысяч')));
});
