/**
 * `npm run eval`: runs every eval/<name>.eval.ts module (compiled to dist/eval/) in name order.
 * Each module's default export prints its own figures; a module that throws is reported and the
 * rest still run. `npm run eval -- ner lemmas` runs only the named ones.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const mods = readdirSync(here)
  .filter((f) => f.endsWith('.eval.js'))
  .filter((f) => !only.length || only.some((o) => f.startsWith(o)))
  .sort();
let failed = 0;
for (const f of mods) {
  const name = f.replace(/\.eval\.js$/, '');
  console.log(`\n== ${name} ==`);
  const t0 = Date.now();
  try {
    const m = (await import(pathToFileURL(join(here, f)).href)) as { default: () => Promise<void> | void };
    await m.default();
  } catch (e) {
    failed++;
    console.log(`  FAILED: ${(e as Error).stack ?? e}`);
  }
  console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
process.exit(failed ? 1 : 0);
