/**
 * English morphology: part of speech from the wink-lexicon word -> Penn tags lexicon (most
 * frequent tag first; MIT), lemmas as wink-lemmatizer finds them (WordNet's morphy; MIT;
 * en-lemma.ts over a compact data file), and suffix rules
 * for words the lexicon does not know. Penn tags are mapped to UD POS and features.
 */
import { createRequire } from 'node:module';
import type { MorphAnalysis } from '../../doc/model.js';
import { EnLemmatizer } from './en-lemma.js';
import { capitalizeLike, isCapitalized } from './names.js';

interface Wink {
  noun(w: string): string;
  verb(w: string): string;
  adjective(w: string): string;
}

const require = createRequire(import.meta.url);

const PENN: Record<string, [string, Record<string, string>]> = {
  NN: ['NOUN', { Number: 'Sing' }],
  NNS: ['NOUN', { Number: 'Plur' }],
  NNP: ['PROPN', { Number: 'Sing' }],
  NNPS: ['PROPN', { Number: 'Plur' }],
  VB: ['VERB', { VerbForm: 'Inf' }],
  VBD: ['VERB', { VerbForm: 'Fin', Tense: 'Past', Mood: 'Ind' }],
  VBN: ['VERB', { VerbForm: 'Part', Tense: 'Past' }],
  VBG: ['VERB', { VerbForm: 'Ger' }],
  VBP: ['VERB', { VerbForm: 'Fin', Tense: 'Pres', Mood: 'Ind' }],
  VBZ: ['VERB', { VerbForm: 'Fin', Tense: 'Pres', Mood: 'Ind', Person: '3', Number: 'Sing' }],
  MD: ['AUX', { VerbForm: 'Fin' }],
  JJ: ['ADJ', { Degree: 'Pos' }],
  JJR: ['ADJ', { Degree: 'Cmp' }],
  JJS: ['ADJ', { Degree: 'Sup' }],
  RB: ['ADV', {}],
  RBR: ['ADV', { Degree: 'Cmp' }],
  RBS: ['ADV', { Degree: 'Sup' }],
  WRB: ['ADV', { PronType: 'Int' }],
  DT: ['DET', {}],
  PDT: ['DET', {}],
  WDT: ['DET', { PronType: 'Int' }],
  PRP: ['PRON', { PronType: 'Prs' }],
  PRP$: ['PRON', { PronType: 'Prs', Poss: 'Yes' }],
  WP: ['PRON', { PronType: 'Int' }],
  WP$: ['PRON', { PronType: 'Int', Poss: 'Yes' }],
  EX: ['PRON', {}],
  IN: ['ADP', {}],
  TO: ['PART', {}],
  RP: ['ADP', {}],
  POS: ['PART', {}],
  CC: ['CCONJ', {}],
  CD: ['NUM', {}],
  UH: ['INTJ', {}],
  FW: ['X', { Foreign: 'Yes' }],
  LS: ['X', {}],
  SYM: ['SYM', {}],
};
const SCONJ = new Set(['that', 'if', 'because', 'although', 'though', 'while', 'whether', 'since', 'unless', 'after', 'before', 'until', 'as', 'once', 'whereas']);
const AUX = new Set(['be', 'have', 'do', 'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must']);

const SUFFIX: [RegExp, string][] = [
  [/ly$/, 'RB'],
  [/(ed)$/, 'VBD'],
  [/ing$/, 'VBG'],
  [/(ous|ful|ive|ic|al|able|ible|less|ary)$/, 'JJ'],
  [/(ness|ment|tion|sion|ity|ism|ist|ship|ence|ance|er|or)$/, 'NN'],
  [/[^s]s$/, 'NNS'],
];

export class EnMorph {
  private readonly lex: Record<string, string[]>;
  private readonly wink: Wink;

  constructor() {
    this.lex = require('wink-lexicon/src/lexicon.js') as Record<string, string[]>;
    this.wink = new EnLemmatizer();
  }

  private lemma(word: string, pos: string, penn: string): string {
    const w = word.toLowerCase();
    if (pos === 'NOUN') return penn === 'NNS' ? this.wink.noun(w) : w;
    if (pos === 'VERB' || pos === 'AUX') {
      if (penn === 'VB') return w;
      if (w === "'s") return 'be';
      if (w === "'re") return 'be';
      if (w === "'ve") return 'have';
      if (w === "'ll") return 'will';
      if (w === "'d") return 'would';
      if (w === "n't") return 'not';
      return this.wink.verb(w);
    }
    if (pos === 'ADJ') return penn === 'JJ' ? w : this.wink.adjective(w);
    if (pos === 'PROPN') return word;
    return w;
  }

  private toAnalysis(word: string, penn: string, source: MorphAnalysis['source']): MorphAnalysis {
    const [pos0, feats] = PENN[penn] ?? ['X', {}];
    let pos = pos0;
    const lower = word.toLowerCase();
    if (pos === 'ADP' && penn === 'IN' && SCONJ.has(lower)) pos = 'SCONJ';
    let lemma = this.lemma(word, pos, penn);
    if (pos === 'VERB' && AUX.has(lemma)) pos = 'AUX';
    if (pos === 'PROPN') lemma = penn === 'NNPS' ? capitalizeLike(this.wink.noun(lower), word) : word;
    return { lemma, pos, tags: { ...feats }, source };
  }

  analyze(word: string): MorphAnalysis[] {
    // the lexicon writes clitics with an ASCII apostrophe ('s, n't); the text has U+2019
    const lower = word.toLowerCase().replace(/\u2019/g, "'");
    const tags = this.lex[lower] ?? this.lex[word.replace(/\u2019/g, "'")];
    const cap = isCapitalized(word);
    if (/^\d+([.,]\d+)*$/.test(word)) return [{ lemma: word, pos: 'NUM', tags: {}, source: 'rule' }];
    if (tags && tags.length) {
      const out = tags.map((t) => this.toAnalysis(word, t, 'dict'));
      // a capitalised word with a proper-noun reading: that reading too (context chooses)
      if (cap && !tags.includes('NNP') && lower !== 'i') out.push(this.toAnalysis(word, 'NNP', 'name'));
      return out;
    }
    if (cap) return [this.toAnalysis(word, /[^s]s$/.test(word) && this.wink.noun(lower) !== lower ? 'NNP' : 'NNP', 'name')];
    for (const [re, t] of SUFFIX) if (re.test(lower)) return [this.toAnalysis(word, t, 'guess')];
    return [this.toAnalysis(word, 'NN', 'guess')];
  }

  inflect(word: string, want: Record<string, string>, hint?: MorphAnalysis): string | null {
    const a = hint ?? this.analyze(word)[0];
    if (!a) return null;
    if (want.Number === 'Sing' && (a.pos === 'NOUN' || a.pos === 'PROPN')) return capitalizeLike(a.lemma, word);
    if (want.Case === 'Nom' || want.VerbForm === 'Inf') return capitalizeLike(a.lemma, word);
    return null;
  }
}
