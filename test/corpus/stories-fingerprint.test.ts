// The corpus fingerprint (src/corpus/fingerprint.ts): a store remembers the code and data its
// stories and claims were computed with; a store built with other parameters, or before the
// fingerprint was kept, is stale, and the read commands say so and name `parley corpus rebuild`,
// after which the warning is gone. On the seed articles; SQLite and PostgreSQL alike.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Doc } from '../../src/doc/model.js';
import { readInputs } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { corpusFingerprint, staleCorpusMessage } from '../../src/corpus/fingerprint.js';
import { staleCorpusWarning } from '../../src/corpus/stories/index.js';
import { rebuildCorpus } from '../../src/corpus/index.js';
import { STORE_KINDS } from '../store/stores.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = join(ROOT, '..', 'shared');

const pipe = await createPipeline();
const seeds: Doc[] = [];
for await (const it of readInputs([join(SHARED, 'seeds')])) {
  if (!it.ok) throw new Error(it.error);
  seeds.push(pipe.analyze(it.article));
}

const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of drops) await d().catch(() => {});
});

test('the message: none for an empty store or a matching fingerprint; names the rebuild otherwise', () => {
  const cur = corpusFingerprint();
  assert.match(cur, /^r\d+-[0-9a-f]{16}$/);
  assert.equal(staleCorpusMessage({ stored: null, articles: false }), null);
  assert.equal(staleCorpusMessage({ stored: cur, articles: true }), null);
  assert.match(staleCorpusMessage({ stored: 'r0-0000000000000000', articles: true })!, /other story and claim parameters.*parley corpus rebuild/);
  assert.match(staleCorpusMessage({ stored: null, articles: true })!, /before this version recorded.*parley corpus rebuild/);
});

/** Sets (or with null deletes) the stored fingerprint directly in the database. */
async function setStored(kind: string, location: string, value: string | null): Promise<void> {
  if (kind === 'sqlite') {
    const db = new Database(location);
    if (value === null) db.prepare("DELETE FROM corpus_meta WHERE key = 'fingerprint'").run();
    else db.prepare("UPDATE corpus_meta SET value = ? WHERE key = 'fingerprint'").run(value);
    db.close();
    return;
  }
  const c = new pg.Client({ connectionString: location });
  await c.connect();
  if (value === null) await c.query("DELETE FROM corpus_meta WHERE key = 'fingerprint'");
  else await c.query("UPDATE corpus_meta SET value = $1 WHERE key = 'fingerprint'", [value]);
  await c.end();
}

for (const kind of STORE_KINDS) {
  test(`${kind.name}: a fresh store takes this version's fingerprint; other parameters or none warn until a rebuild`, async () => {
    const loc = await kind.create();
    drops.push(() => loc.done());
    let s = await loc.open();
    assert.equal(await staleCorpusWarning(s), null, 'an empty store is not stale');
    for (const d of seeds.slice(0, 2)) await s.putArticle(d);
    assert.equal(await staleCorpusWarning(s), null, 'a store built by this version is not stale');
    await s.close();

    // built with other story parameters
    await setStored(kind.name, loc.location, 'r0-0123456789abcdef');
    s = await loc.open();
    assert.match((await staleCorpusWarning(s)) ?? '', /r0-0123456789abcdef.*parley corpus rebuild/);
    // a new article joins the stale stories: still stale (its fingerprint is not overwritten)
    await s.putArticle(seeds[2]);
    assert.match((await staleCorpusWarning(s)) ?? '', /parley corpus rebuild/);
    await rebuildCorpus(s);
    assert.equal(await staleCorpusWarning(s), null, 'rebuilt: up to date');
    await s.close();

    // built before the fingerprint was kept (the schema step adds no row to a store with stories)
    await setStored(kind.name, loc.location, null);
    s = await loc.open();
    await s.putArticle(seeds[3]);
    assert.match((await staleCorpusWarning(s)) ?? '', /before this version recorded/);
    await s.close();

    if (kind.name === 'sqlite') {
      // the CLI says it on stderr and still answers; `parley corpus rebuild` clears it
      const parley = (args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      let r = parley(['stories', '--db', loc.location]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /warning: .*stale until you run `parley corpus rebuild`/);
      r = parley(['corpus', 'rebuild', '--db', loc.location]);
      assert.equal(r.status, 0, r.stderr);
      r = parley(['claims', '--db', loc.location]);
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /warning/);
    }
  });
}
