#!/usr/bin/env node
// `npm run demo`: ingest the project's sample articles (samples/) into a fresh database under
// .parley/, then show what Parley found: corpus statistics, top entities, quotes, events and a
// morphological search. Runs the built `parley` command (dist/, built by `npm install`).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist/src/cli/main.js');
const samples = join(root, 'samples');
const dir = join(root, '.parley');
const db = join(dir, 'demo.db');

if (!existsSync(cli)) {
  console.error('demo: dist/ is missing; run `npm run build` (npm install does it) first');
  process.exit(3);
}
if (!existsSync(samples)) {
  console.error('demo: samples/ is missing');
  process.exit(3);
}
mkdirSync(dir, { recursive: true });
for (const f of [db, db + '-wal', db + '-shm']) rmSync(f, { force: true });

function parley(title, args, { allow = [0] } = {}) {
  const b = process.stdout.isTTY ? ['\x1b[1m', '\x1b[22m'] : ['', ''];
  console.log(`\n${b[0]}== ${title}${b[1]}   $ parley ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...args, ...(args[0] === 'ingest' || args[0] === 'analyze' ? [] : ['--db', db])], {
    stdio: 'inherit',
    cwd: root,
  });
  if (!allow.includes(r.status ?? -1)) {
    console.error(`demo: parley ${args[0]} exited with ${r.status}`);
    process.exit(r.status ?? 3);
  }
  return r.status;
}

const t0 = Date.now();
parley('Ingest the sample articles', ['ingest', 'samples', '--db', db], { allow: [0, 1] });
parley('What is in the store', ['stats']);
parley('Top entities', ['entities', '--limit', '15']);
parley('Quotes', ['quotes', '--limit', '8']);
parley('Diplomatic events', ['events', '--limit', '10']);
parley('Search by any inflected form (ru)', ['search', 'переговоры', '--limit', '3']);
parley('Search by any inflected form (uk)', ['search', 'переговори', '--limit', '3']);
parley('Search (en)', ['search', 'talks', '--limit', '3']);
console.log(`\ndemo done in ${((Date.now() - t0) / 1000).toFixed(1)} s; the database is ${db}`);
console.log(`try: node dist/src/cli/main.js search Макрон --db ${db}`);
