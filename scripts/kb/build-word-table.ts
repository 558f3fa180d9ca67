/**
 * A Ukrainian -> Russian word table for names, learned from pairs of names of one referent (the ru and
 * uk base forms sharing a SlavicNER cross-lingual id, and the KB's ru/uk names and aliases): two names
 * with the same number of words, at least one word the same in both (after `stemWord`), align word by
 * word; a differing pair of stems (`pivnichn` ~ `severn` from `Північна Корея` ~ `Северная Корея`) is
 * a translation. A uk stem keeps the ru stem most pairs give it, and none when it is as often left as
 * it is, or when Russian names use the same word (`rad` of `Рада`: `Верховная Рада`). Used by `crossKey` (src/entities/kb/keys.ts).
 */
import { stemWord, translitKey } from '../../src/entities/kb/keys.js';

export function learnWordTable(pairs: [ru: string, uk: string][]): { table: Record<string, string>; names: number; votes: number } {
  const votes = new Map<string, Map<string, { one: number; many: number }>>();
  const seen = new Set<string>();
  let names = 0;
  let nv = 0;
  for (const [ru, uk] of pairs) {
    const r = translitKey(ru).split('-').filter(Boolean).map(stemWord);
    const u = translitKey(uk).split('-').filter(Boolean).map(stemWord);
    // one vote per pair of names, whatever their capitalisation or spelling variants
    const key = `${r.join('-')}\u0000${u.join('-')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (r.length < 2 || r.length !== u.length) continue;
    // an anchor: the two names share a word (`Ірландія` = `Ирландия`), so they say the same thing in the same order
    if (!r.some((x, i) => x === u[i] && x.length >= 3)) continue;
    names++;
    // a pair differing in one word says which word translates which; one differing in several only
    // counts where another pair says the same (`Соединенное Королевство` ~ `Велика Британія` says nothing)
    const diff = r.filter((x, i) => x !== u[i]).length;
    for (let i = 0; i < r.length; i++) {
      if (u[i].length < 3 || r[i].length < 3 || /\d/.test(u[i] + r[i])) continue;
      let m = votes.get(u[i]);
      if (!m) votes.set(u[i], (m = new Map()));
      const v = m.get(r[i]) ?? { one: 0, many: 0 };
      if (diff <= 1) v.one++;
      else v.many++;
      m.set(r[i], v);
      if (u[i] !== r[i]) nv++;
    }
  }
  // a word Russian names use too (`Рада`, `Великобритания`, `Павел`) is not translated: it means itself in both
  const ruWords = new Set<string>();
  for (const [ru] of pairs) for (const w of translitKey(ru).split('-')) if (w) ruWords.add(stemWord(w));
  const table: Record<string, string> = {};
  for (const [u, m] of [...votes].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const score = (v: { one: number; many: number }) => v.one + v.many;
    const best = [...m].sort((a, b) => score(b[1]) - score(a[1]) || (a[0] < b[0] ? -1 : 1))[0];
    const self = m.get(u);
    const ok = best[1].one >= 1 || best[1].many >= 2;
    if (best[0] !== u && ok && !ruWords.has(u) && score(best[1]) > (self ? score(self) : 0)) table[u] = best[0];
  }
  return { table, names, votes: nv };
}
