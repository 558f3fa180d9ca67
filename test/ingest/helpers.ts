import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInputs, type IngestItem, type ReadOptions } from '../../src/ingest/index.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const fixtures = join(root, 'test/fixtures/ingest');
export const seedsDir = join(root, '../shared/seeds');

export function seed(name: string): string {
  return readFileSync(join(seedsDir, name), 'utf8');
}

/** The body of a seed file (what the seed reader should produce). */
export function seedBody(name: string): string {
  return seed(name).replace(/^ ?date \d{4}-\d{2}-\d{2} /, '').replace(/\s+$/, '');
}

export async function collect(specs: string[], opts?: ReadOptions): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const it of readInputs(specs, opts)) out.push(it);
  return out;
}

export function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-ingest-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function oks(items: IngestItem[]) {
  return items.filter((i): i is Extract<IngestItem, { ok: true }> => i.ok);
}

export function errs(items: IngestItem[]) {
  return items.filter((i): i is Extract<IngestItem, { ok: false }> => !i.ok);
}
