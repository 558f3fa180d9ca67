import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (the folder holding package.json), from src/ or dist/src/ alike. */
export const projectRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('project root not found');
    dir = up;
  }
})();

/**
 * Path of a resource file shipped with the project, given relative to the project root
 * (`src/quotes/lexicon/ru.json`). Resources live beside the stage that uses them; they are never
 * read from ../shared at run time.
 */
export function resourcePath(rel: string): string {
  return join(projectRoot, rel);
}

export function readJsonResource<T = unknown>(rel: string): T {
  return JSON.parse(readFileSync(resourcePath(rel), 'utf8')) as T;
}
