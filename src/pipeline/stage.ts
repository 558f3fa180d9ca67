import type { Doc } from '../doc/model.js';
import type { Context } from './context.js';

/**
 * A pipeline stage: lives in its own folder under src/, loads its resources once, and adds its
 * layer to each document. `run` must be a pure function of (doc, ctx): no I/O, no global state,
 * so documents can be analysed in parallel on worker threads.
 */
export interface Stage {
  readonly name: string;
  /** names of the stages whose layers this one reads (checked when the pipeline is built) */
  readonly needs?: readonly string[];
  load?(ctx: Context): Promise<void> | void;
  run(doc: Doc, ctx: Context): void;
}
