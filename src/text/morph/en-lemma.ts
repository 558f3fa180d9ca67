/**
 * English lemmas the way wink-lemmatizer (MIT; WordNet's morphy) finds them, over
 * data/en-lemma.txt (scripts/build-en-lemma.ts): the WordNet exception lists in maps and the
 * WordNet words with their parts of speech in one sorted string, binary-searched in place.
 * Loads in a few milliseconds instead of compiling wink's 2.7 MB of JavaScript data.
 */
import { readFileSync } from 'node:fs';
import { resourcePath } from '../../pipeline/resources.js';

const NOUN = 1;
const VERB = 2;
const ADJ = 4;

const NOUN_RULES: [RegExp, string][] = [
  [/s$/, ''],
  [/ses$/, 's'],
  [/xes$/, 'x'],
  [/zes$/, 's'],
  [/ves$/, 'f'],
  [/ches$/, 'ch'],
  [/shes$/, 'sh'],
  [/men$/, 'man'],
  [/ies$/, 'y'],
];

export class EnLemmatizer {
  private readonly exceptions: Record<'noun' | 'verb' | 'adjective', Map<string, string>> = {
    noun: new Map(),
    verb: new Map(),
    adjective: new Map(),
  };
  /** `word<TAB>flags` lines, sorted */
  private readonly text: string;
  private readonly lineStart: Int32Array;

  constructor() {
    const text = readFileSync(resourcePath('src/text/morph/data/en-lemma.txt'), 'latin1');
    let pos = 0;
    let section: Map<string, string> | null = null;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) throw new Error('en lemma: no #words section');
      const line = text.slice(pos, nl);
      pos = nl + 1;
      if (line === '#words') break;
      if (line.startsWith('#')) {
        section = this.exceptions[line.slice(1) as 'noun'];
        continue;
      }
      const tab = line.indexOf('\t');
      section!.set(line.slice(0, tab), line.slice(tab + 1));
    }
    let lines = 0;
    for (let i = text.indexOf('\n', pos); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    const starts = new Int32Array(lines + 1);
    for (let l = 0; l < lines; l++) {
      starts[l] = pos;
      pos = text.indexOf('\n', pos) + 1;
    }
    starts[lines] = pos;
    this.text = text;
    this.lineStart = starts;
  }

  /** the parts of speech WordNet gives a word (0: not a WordNet word) */
  private flags(word: string): number {
    const text = this.text;
    const n = word.length;
    let lo = 0;
    let hi = this.lineStart.length - 2;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const a = this.lineStart[mid];
      let c = 0;
      let j = 0;
      for (; j < n; j++) {
        const ch = text.charCodeAt(a + j);
        if (ch === 9) {
          c = -1; // the line's word is a prefix of this one
          break;
        }
        const d = ch - word.charCodeAt(j);
        if (d !== 0) {
          c = d;
          break;
        }
      }
      if (c === 0 && text.charCodeAt(a + n) !== 9) c = 1; // the line's word is longer
      if (c === 0) return text.charCodeAt(a + n + 1) - 48;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  adjective(adjective: string): string {
    const ex = this.exceptions.adjective.get(adjective);
    if (ex) return ex;
    let lemma = adjective.replace(/est$|er$/, '');
    if (lemma.length === adjective.length) return adjective;
    if (this.flags(lemma) & ADJ) return lemma;
    lemma += 'e';
    if (this.flags(lemma) & ADJ) return lemma;
    return adjective;
  }

  verb(verb: string): string {
    const ex = this.exceptions.verb.get(verb);
    if (ex) return ex;
    let lemma = verb.replace(/s$/, '');
    if (lemma.length !== verb.length && this.flags(lemma) & VERB) return lemma;
    lemma = verb.replace(/ies$/, 'y');
    if (lemma.length !== verb.length && this.flags(lemma) & VERB) return lemma;
    lemma = verb.replace(/es$|ed$|ing$/, '');
    if (lemma.length !== verb.length) {
      if (this.flags(lemma) & VERB) return lemma;
      lemma += 'e';
      if (this.flags(lemma) & VERB) return lemma;
    }
    return verb;
  }

  noun(noun: string): string {
    const ex = this.exceptions.noun.get(noun);
    if (ex) return ex;
    for (const [re, by] of NOUN_RULES) {
      const lemma = noun.replace(re, by);
      if (lemma.length !== noun.length && this.flags(lemma) & NOUN) return lemma;
    }
    return noun;
  }
}
