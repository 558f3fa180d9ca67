/**
 * Stage `ner`: recognises PER, ORG, LOC, EVT, PRO name mentions (SlavicNER conventions) with the
 * trained tagger in `model/ner.bin.gz` and fills `doc.layers.mentions` (lemma = surface; the
 * `entities` stage normalises, corefers and links them).
 */
import { readFileSync } from 'node:fs';
import type { Doc, Mention, Token } from '../../doc/model.js';
import { resourcePath } from '../../pipeline/resources.js';
import type { Stage } from '../../pipeline/stage.js';
import { loadNerModel } from './compiled-model.js';
import { Tagger } from './tagger.js';
import { simpleTokenize } from './tokenize.js';
import { recognizeEnglish } from './en/stage.js';

export const MODEL_PATH = 'src/entities/ner/model/ner.bin.gz';

let shared: Tagger | null = null;

/**
 * The model file: the shipped one, or `PARLEY_NER_MODEL` (a candidate model, for evaluating a
 * retrained model with `npm run eval` before it replaces the shipped one).
 */
export function defaultModelPath(): string {
  return process.env.PARLEY_NER_MODEL || resourcePath(MODEL_PATH);
}

/** The tagger with the shipped model (loaded once per process). */
export function loadTagger(path: string = defaultModelPath()): Tagger {
  if (shared && path === defaultModelPath()) return shared;
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new Error(`NER model not found at ${path} (run \`npm run train:ner\`): ${(e as Error).message}`);
  }
  const t = new Tagger(loadNerModel(buf));
  if (path === defaultModelPath()) shared = t;
  return t;
}

/** The language the model should use for a document: ru and uk as detected, else by letters. */
export function taggerLang(doc: Pick<Doc, 'lang' | 'text'>): string {
  if (doc.lang === 'ru' || doc.lang === 'uk' || doc.lang === 'en') return doc.lang;
  if (/[іїєґІЇЄҐ]/.test(doc.text)) return 'uk';
  if (/[\u0400-\u04ff]/.test(doc.text)) return 'ru';
  return 'en';
}

/** Mentions of a document (uses its tokens layer when there is one). */
export function recognize(tagger: Tagger, doc: Pick<Doc, 'lang' | 'text' | 'layers'>): Mention[] {
  const toks: Token[] = doc.layers.tokens ?? simpleTokenize(doc.text);
  return tagger.tag(toks, doc.text, taggerLang(doc));
}

let tagger: Tagger | null = null;

export const nerStage: Stage = {
  name: 'ner',
  needs: ['tokens'],
  load() {
    tagger = loadTagger();
  },
  run(doc, ctx) {
    // English: the rule-based recogniser of ./en (the model has no English training data)
    if (taggerLang(doc) === 'en' && doc.layers.tokens) {
      doc.layers.mentions = recognizeEnglish(doc, ctx);
      return;
    }
    if (!tagger) tagger = loadTagger();
    doc.layers.mentions = recognize(tagger, doc);
  },
};

export default nerStage;
