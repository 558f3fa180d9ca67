/**
 * The title finder (RoleFinder.find) reads only the words after the last punctuation mark before a
 * name: the same titles whether that mark is near the name, far back in the 160-character window,
 * or absent (sentences of our own).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RoleFinder } from '../../src/entities/link/roles.js';

const rf = new RoleFinder();
const rolesOf = (text: string, name: string, lang: string) => {
  const start = text.indexOf(name);
  return rf.find(text, lang, start, start + name.length);
};

test('ru: a title right after a comma, after a long unpunctuated lead, and at the text start', () => {
  assert.deepEqual(rolesOf('Об этом в четверг рассказал журналистам, глава МИД Сергей Лавров.', 'Сергей Лавров', 'ru'), ['глава МИД']);
  // no punctuation mark for more than 48 characters before the name: the window is widened
  assert.deepEqual(
    rolesOf('В четверг вечером на встрече с представителями делового сообщества в столице выступил глава МИД Сергей Лавров', 'Сергей Лавров', 'ru'),
    ['глава МИД'],
  );
  assert.deepEqual(rolesOf('Глава МИД Сергей Лавров прибыл в Анкару.', 'Сергей Лавров', 'ru'), ['глава МИД']);
});

test('uk: a quote mark before the title does not cut it off; a full stop does', () => {
  assert.deepEqual(rolesOf('Як заявив «міністр закордонних справ України Андрій Сибіга», переговори тривають.', 'Андрій Сибіга', 'uk'), [
    'міністр закордонних справ України',
  ]);
  assert.deepEqual(rolesOf('Переговори очолив міністр. Андрій Сибіга прибув до Варшави.', 'Андрій Сибіга', 'uk'), []);
});
