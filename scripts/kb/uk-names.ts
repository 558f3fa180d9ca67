/**
 * Case forms of Ukrainian person names (first names and surnames), by the declension classes of
 * Ukrainian grammar: masculine hard/soft/sibilant consonant stems (Путін, Лавров, Емманюель), -ський/
 * -цький adjectival surnames (Зеленський), -ій (Андрій), -а/-я (Сибіга, Марія, with the г/к/х -> з/ц/с
 * alternation in the dative/locative), -о after a consonant (Марко, Порошенко), feminine -ова/-ева/-іна
 * (Захарова); feminine consonant-final and vowel-final foreign names (Каллас, Рубіо, Рютте) do not decline.
 * Used at build time only (the runtime reads the forms from the KB).
 */

export type Gender = 'm' | 'f' | undefined;

const SIB = /[жчшщ]$/;
const ALT: Record<string, string> = { г: 'з', к: 'ц', х: 'с' };

/** Oblique case forms (Gen, Dat, Acc, Ins, Loc; several where usage varies) of one name word. */
export function ukWordForms(word: string, gender: Gender, surname = false): string[] {
  const w = word;
  const low = w.toLowerCase();
  const out: string[] = [];
  const add = (stemCut: number, ...ends: string[]) => {
    const stem = w.slice(0, w.length - stemCut);
    for (const e of ends) out.push(stem + e);
  };
  if (gender === 'f') {
    if (/(ова|ева|єва|іна|їна)$/.test(low)) add(1, 'ої', 'ій', 'у', 'ою');
    else if (/ська$|цька$/.test(low)) add(1, 'ої', 'ій', 'у', 'ою');
    else if (/[^аеєиіїоуюя]а$/.test(low)) {
      const c = low[low.length - 2];
      const alt = ALT[c];
      add(1, SIB.test(low.slice(0, -1)) ? 'і' : 'и', 'у', 'ою');
      if (alt) out.push(w.slice(0, w.length - 2) + alt + 'і');
      else add(1, 'і');
    } else if (/ія$/.test(low)) add(1, 'ї', 'ю', 'єю');
    else if (/[аеиіоу]я$/.test(low)) add(1, 'ї', 'ю', 'єю'); // Кая
    else if (/я$/.test(low)) add(1, 'і', 'ю', 'ею');
    return out; // consonant-final or other vowel-final feminine names do not decline
  }
  if (surname && /(ов|ев|єв|ін|їн)$/.test(low)) add(0, 'а', 'у', 'ові', 'им', 'ім'); // Лавровим, Путіним
  else if (/(ський|цький|зький)$/.test(low)) add(2, 'ого', 'ому', 'им', 'ім');
  else if (/ий$/.test(low)) add(2, 'ого', 'ому', 'им', 'ім');
  else if (/ій$/.test(low)) add(1, 'я', 'ю', 'єві', 'єм', 'ї');
  else if (/[^аеєиіїоуюя]о$/.test(low)) add(1, 'а', 'у', 'ові', 'ом');
  else if (/[^аеєиіїоуюя]а$/.test(low)) {
    const c = low[low.length - 2];
    const alt = ALT[c];
    add(1, SIB.test(low.slice(0, -1)) ? 'і' : 'и', 'у', 'ою');
    if (alt) out.push(w.slice(0, w.length - 2) + alt + 'і');
    else add(1, 'і');
  } else if (/я$/.test(low)) add(1, 'і', 'ю', 'ею');
  else if (/ь$/.test(low)) add(1, 'я', 'ю', 'еві', 'ем', 'і');
  else if (/й$/.test(low)) add(1, 'я', 'ю', 'єві', 'єм');
  else if (/[бвгґдзклмнпрстфхц]$/.test(low)) add(0, 'а', 'у', 'ові', 'ом', 'і');
  else if (SIB.test(low)) add(0, 'а', 'у', 'еві', 'ем', 'і');
  return out;
}

/** Case forms of a full name "First Last" (same case in both words) and of the surname alone. */
export function ukNameForms(name: string, gender: Gender): { full: string[]; last: string[] } {
  const words = name.split(' ');
  if (words.length === 1) return { full: [], last: ukWordForms(words[0], gender, true) };
  const first = words[0];
  const last = words[words.length - 1];
  const fF = ukWordForms(first, gender);
  const lF = ukWordForms(last, gender, true);
  const mid = words.slice(1, -1).join(' ');
  const full: string[] = [];
  // every combination (the two words agree in case; a few impossible pairs are harmless: they only
  // ever point at this person)
  for (const a of [first, ...fF]) for (const b of [last, ...lF]) if (a !== first || b !== last) full.push([a, mid, b].filter(Boolean).join(' '));
  return { full: [...new Set(full)], last: lF };
}
