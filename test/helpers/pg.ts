/**
 * PostgreSQL for tests. The server is real: `PARLEY_TEST_PG` names it (a URL of a role that may
 * create databases; .ci/run exports one from scripts/pg-start.sh). Without it, outside CI, the
 * helper starts or reuses the local test cluster through scripts/pg-start.sh; in CI (`CI` set) a
 * missing PARLEY_TEST_PG is an error, so the PostgreSQL tests fail instead of skipping.
 * Each test gets a database of its own, dropped afterwards.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

let cached: string | null = null;

export function pgServerUrl(): string {
  if (cached) return cached;
  const env = process.env.PARLEY_TEST_PG?.trim();
  if (env) return (cached = env);
  if (process.env.CI) throw new Error('PARLEY_TEST_PG is not set: CI must start PostgreSQL (.ci/run does, through scripts/pg-start.sh)');
  const script = fileURLToPath(new URL('../../scripts/pg-start.sh', import.meta.url));
  const out = execFileSync(script, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 }).trim().split('\n').pop()!;
  if (!/^postgres(ql)?:\/\//.test(out)) throw new Error(`scripts/pg-start.sh printed no URL: ${out}`);
  return (cached = out);
}

/** The URL with another database name. */
export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = '/' + db;
  return u.toString();
}

export interface TestDb {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server. */
export async function freshPgDatabase(prefix = 'parley_t'): Promise<TestDb> {
  const server = pgServerUrl();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(server, name),
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
