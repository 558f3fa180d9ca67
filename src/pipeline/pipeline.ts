import { createDoc } from '../doc/create.js';
import type { Doc, RawArticle } from '../doc/model.js';
import { Context } from './context.js';
import type { Stage } from './stage.js';

export class Pipeline {
  readonly ctx = new Context();
  private loaded = false;

  constructor(readonly stages: readonly Stage[]) {
    const seen = new Set<string>();
    for (const s of stages) {
      for (const n of s.needs ?? []) {
        if (!seen.has(n)) throw new Error(`stage '${s.name}' needs '${n}' before it`);
      }
      seen.add(s.name);
    }
  }

  async load(): Promise<this> {
    if (this.loaded) return this;
    for (const s of this.stages) await s.load?.(this.ctx);
    this.loaded = true;
    return this;
  }

  /** Analyse one article. Throws only on a programming error; bad input is rejected by readers. */
  analyze(raw: RawArticle): Doc {
    if (!this.loaded) throw new Error('pipeline not loaded: await pipeline.load() first');
    const doc = createDoc(raw);
    for (const s of this.stages) s.run(doc, this.ctx);
    return doc;
  }
}
