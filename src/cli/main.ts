#!/usr/bin/env node
/**
 * The `parley` command. Thin: every command calls library functions (ingest, pipeline, store);
 * each command's module is imported only when that command runs, to keep cold start short.
 * Exit codes: 0 all good, 1 some inputs rejected, 2 usage error, 3 nothing readable / fatal.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { EVENT_MODES, LANGS, PLOVER_TYPES } from '../export/vocab.js';
import { projectRoot } from '../pipeline/resources.js';
import { CliError, EXIT } from './exit.js';

const dbDefault = (): string => (process.env.PARLEY_DB && process.env.PARLEY_DB.trim() ? process.env.PARLEY_DB : 'parley.db');

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function nonNegativeInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number (0 or more)');
  return n;
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number (0-65535)');
  return n;
}

function bytes(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(v.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 50MB');
  return Math.round(Number(m[1]) * { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g']);
}

/** YYYY, YYYY-MM or YYYY-MM-DD with a real month and day (2026-13 and 2026-02-30 are usage errors). */
export function dateArg(v: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
  const bad = () => new InvalidArgumentError('not a date (use YYYY, YYYY-MM or YYYY-MM-DD)');
  if (!m) throw bad();
  const [, y, mo, d] = m;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) throw bad();
  if (d !== undefined) {
    const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
    if (Number(d) < 1 || Number(d) > days) throw bad();
  }
  return v;
}

const dateOpt = (flag: string, what: string) => new Option(`${flag} <date>`, `${what} (YYYY, YYYY-MM or YYYY-MM-DD, inclusive)`).argParser(dateArg);
const langOpt = (what = 'only articles in this language') => new Option('--lang <code>', what).choices([...LANGS]);

/** A PLOVER type in any case (consult = CONSULT); anything else is a usage error. */
export function ploverType(v: string): string {
  const t = v.toUpperCase();
  if (!(PLOVER_TYPES as readonly string[]).includes(t)) throw new InvalidArgumentError(`not a PLOVER type (one of ${PLOVER_TYPES.join(', ')})`);
  return t;
}

const VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
})();

let exitCode: number = EXIT.OK;
const done = (code: number) => {
  exitCode = code;
};

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('parley')
    .description('Multilingual (ru/uk/en) news to a sourced, queryable record of diplomacy.')
    .version(VERSION, '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Exit codes: 0 all good, 1 some inputs rejected (the rest processed), 2 usage error,
3 nothing readable or a fatal error. The database defaults to $PARLEY_DB or ./parley.db.`,
    );

  program
    .command('analyze')
    .description('analyse articles and print them (files, directories, globs, - for stdin)')
    .argument('<inputs...>', 'files, directories (recursive), globs, or - for stdin')
    .option('--json', 'print one parley/article@1 object per article (JSON Lines)')
    .option('--tokens', 'include every token with lemma, UD part of speech and features (implies --json)')
    .option('--explain', 'in the summary, every event, stance and quote with its evidence and the ids of the rules that produced it')
    .option('--jobs <n>', 'analyse on N worker threads (output keeps the input order)', positiveInt, 1)
    .option('--max-bytes <size>', 'reject an article (file or JSON line) larger than this (default 10MB)', bytes)
    .action(async (inputs: string[], o) => {
      const { analyzeCommand } = await import('./commands/analyze.js');
      done(await analyzeCommand(inputs, o));
    });

  program
    .command('ingest')
    .description('analyse articles and store them in the database (re-ingesting an article is a no-op)')
    .argument('<inputs...>', 'files, directories (recursive), globs, or - for stdin')
    .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
    .option('--no-progress', 'no progress bar (it is shown only when stderr is a terminal)')
    .option('--jobs <n>', `analyse on N worker threads (this machine has ${availableParallelism()} cores)`, positiveInt, 1)
    .option('--max-bytes <size>', 'reject an article (file or JSON line) larger than this (default 10MB)', bytes)
    .option('--json', 'print the summary as one JSON object')
    .option('--queue', 'do not analyse here: enqueue the articles for `parley worker` processes (PostgreSQL --db)')
    .option('--job-timeout <seconds>', 'with --queue: a job running longer than this (its worker died) goes to another worker', positiveInt, 300)
    .action(async (inputs: string[], o) => {
      if (o.queue) {
        const { enqueueCommand } = await import('./commands/queue.js');
        return done(await enqueueCommand(inputs, o));
      }
      const { ingestCommand } = await import('./commands/ingest.js');
      done(await ingestCommand(inputs, o));
    });

  program
    .command('search')
    .description('find articles by any inflected form of the query words (ranked, with snippets)')
    .argument('<words...>', 'query words (all must match; each by lemma or exact form)')
    .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
    .addOption(langOpt())
    .addOption(dateOpt('--from', 'published on or after'))
    .addOption(dateOpt('--to', 'published on or before'))
    .option('--outlet <name>', 'only articles from this outlet (case-insensitive substring)')
    .option('--entity <id>', 'only articles mentioning this entity id')
    .option('--limit <n>', 'number of hits', positiveInt, 20)
    .option('--json', 'print the result as one JSON object')
    .addOption(new Option('--marks <style>', 'how matched words are marked (default: bold on a terminal, else brackets)').choices(['ansi', 'brackets', 'guillemets']))
    .action(async (words: string[], o) => {
      const { searchCommand } = await import('./commands/search.js');
      done(await searchCommand(words, o));
    });

  program
    .command('show')
    .description('print stored articles (parley/article@1 JSON) by id')
    .argument('<ids...>', 'article ids (as search and the other commands print them)')
    .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
    .option('--pretty', 'indented JSON')
    .action(async (ids: string[], o) => {
      const { showCommand } = await import('./commands/query.js');
      done(await showCommand(ids, o));
    });

  program
    .command('stats')
    .description('articles per language, outlet and month; entity, quote and event counts')
    .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
    .option('--json', 'print as JSON')
    .action(async (o) => {
      const { statsCommand } = await import('./commands/query.js');
      done(await statsCommand(o));
    });

  program
    .command('entities')
    .description('entities of the corpus with article and mention counts and names per language')
    .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
    .addOption(new Option('--type <type>', 'only this type').choices(['PER', 'ORG', 'LOC', 'EVT', 'PRO', 'per', 'org', 'loc', 'evt', 'pro']))
    .option('--name <text>', 'only entities whose name contains this (any language)')
    .option('--limit <n>', 'number of entities', positiveInt, 50)
    .option('--json', 'JSON Lines, one entity a line')
    .action(async (o) => {
      const { entitiesCommand } = await import('./commands/query.js');
      done(await entitiesCommand(o));
    });

  program
    .command('quotes')
    .description('quotes across the corpus with speaker, article, outlet and date')
    .addHelpText(
      'after',
      `
Each quote prints the speaker (entity id in brackets), its kind (direct, indirect, mixed) and text, then
date · outlet · language · article ID chars START-END (the quote's place in the article text, as UTF-16
offsets: \`parley show ID\` and slice text[START:END]) · relayed by OUTLET (the agency the article credits
for the quote, e.g. "relayed by unian").`,
    )
    .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
    .option('--speaker <id>', 'only quotes by this entity id')
    .addOption(dateOpt('--from', 'published on or after'))
    .addOption(dateOpt('--to', 'published on or before'))
    .addOption(langOpt())
    .option('--limit <n>', 'number of quotes', positiveInt, 100)
    .option('--json', 'JSON Lines, one quote a line')
    .action(async (o) => {
      const { quotesCommand } = await import('./commands/query.js');
      done(await quotesCommand(o));
    });

  program
    .command('events')
    .description('diplomatic events across the corpus (PLOVER types), newest first')
    .addHelpText(
      'after',
      `
Each event prints TYPE/mode status (level: L): actors on DATE, then the evidence sentence and its article.
status: occurred, ongoing, planned, possible, cancelled, none (stated not to exist or not scheduled). level: the rank of
the contact when the text gives it: highest (heads of state or government), ministerial, technical or
working. DATE is the event's own date when the text gives one.`,
    )
    .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
    .option('--type <type>', 'PLOVER type: CONSULT, AGREE, REQUEST, REJECT, ACCUSE, THREATEN, SANCTION, SUPPORT, ... (any case)', ploverType)
    .addOption(new Option('--mode <mode>', 'CONSULT mode').choices([...EVENT_MODES]))
    .option('--actor <id>', 'only events with this entity id among the actors')
    .addOption(new Option('--status <status>', 'only this status').choices(['occurred', 'ongoing', 'planned', 'possible', 'cancelled', 'none']))
    .addOption(dateOpt('--from', 'event date (else publication date) on or after'))
    .addOption(dateOpt('--to', 'event date (else publication date) on or before'))
    .addOption(langOpt())
    .option('--limit <n>', 'number of events', positiveInt, 100)
    .option('--json', 'JSON Lines, one event a line')
    .addOption(new Option('--format <format>', 'plover: a JSON array of PLOVER-style records').choices(['plover', 'jsonl', 'text']))
    .action(async (o) => {
      const { eventsCommand } = await import('./commands/query.js');
      done(await eventsCommand(o));
    });

  program
    .command('serve')
    .description('serve the HTTP API and the web UI (read-only unless a token is configured)')
    .option('--db <path>', 'database: a SQLite file or postgres://…', dbDefault())
    .option('--host <host>', 'address to bind (127.0.0.1: this machine only)', '127.0.0.1')
    .option('--port <n>', 'port to listen on', port, 8080)
    .option('--token-file <file>', 'file holding the bearer token writes need (else $PARLEY_TOKEN; none: read-only)')
    .option('--rate-limit <n>', 'requests per minute per client address (0: no limit)', nonNegativeInt, 600)
    .option('--cors <origins>', 'allow these origins (comma-separated) to call the API from other sites (default: none)')
    .option('--no-ui', 'do not serve the web UI')
    .option('--no-cache', 'compute every read answer afresh (by default an answer is kept while the stored data are unchanged)')
    .option('--workers <n>', 'processes serving the port (one per core spreads the load; default 1)', positiveInt, 1)
    .action(async (o) => {
      const { serveCommand } = await import('./commands/serve.js');
      done(await serveCommand(o));
    });

  // ---- corpus: claims, actors, network, framing, export (src/cli/commands/corpus.ts)
  const claimFilters = (c: Command) =>
    c
      .option('--actor <id|name>', 'only claims with this actor among the parties (entity id, actor id or a name)')
      .addOption(new Option('--status <status>', 'only claims whose latest status is this').choices(['occurred', 'ongoing', 'planned', 'possible', 'cancelled', 'none']))
      .addOption(new Option('--mode <mode>', 'only this CONSULT mode').choices(['call', 'meeting', 'visit', 'summit', 'talks', 'channel', 'other']))
      .option('--story <id>', 'only claims reported in this story')
      .addOption(dateOpt('--from', 'claims dated (or reported) on or after'))
      .addOption(dateOpt('--to', 'claims dated (or reported) on or before'));

  program
    .command('stories')
    .description('stories: articles on one developing matter across languages and outlets, latest first')
    .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
    .option('--entity <id>', 'only stories about this entity id')
    .addOption(new Option('--lang <code>', 'only stories with an article in this language').choices(['ru', 'uk', 'en']))
    .addOption(dateOpt('--from', 'stories with articles published on or after'))
    .addOption(dateOpt('--to', 'stories with articles published on or before'))
    .option('--min-articles <n>', 'only stories with at least this many articles', positiveInt)
    .option('--limit <n>', 'number of stories', positiveInt)
    .option('--json', 'JSON Lines, one parley/story@1 a line')
    .action(async (o) => {
      const { storiesCommand } = await import('./commands/corpus.js');
      done(await storiesCommand(o));
    });

  program
    .command('story')
    .description('one story: titles per language, articles, claims')
    .argument('<id>', 'story id (as `parley stories` prints it)')
    .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
    .option('--json', 'print the parley/story@1 object')
    .action(async (id: string, o) => {
      const { storyCommand } = await import('./commands/corpus.js');
      done(await storyCommand(id, o));
    });

  claimFilters(
    program
      .command('claims')
      .description('claims: real-world happenings merged from every article and event that reports them, latest first')
      .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
      .option('--type <type>', 'PLOVER type: CONSULT, AGREE, REQUEST, ... (any case)', ploverType)
      .option('--limit <n>', 'number of claims', positiveInt)
      .option('--json', 'JSON Lines, one parley/claim@1 a line'),
  ).action(async (o) => {
    const { claimsCommand } = await import('./commands/corpus.js');
    done(await claimsCommand(o));
  });

  program
    .command('claim')
    .description('one claim as a timeline: date, outlet, status, stances, evidence')
    .argument('<id>', 'claim id (as `parley claims` prints it)')
    .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
    .option('--json', 'print the parley/claim@1 object')
    .action(async (id: string, o) => {
      const { claimCommand } = await import('./commands/corpus.js');
      done(await claimCommand(id, o));
    });

  program
    .command('actor')
    .description("an actor's profile: names per language, roles over time, articles, quotes, contacts")
    .argument('<id|name>', 'entity or actor id, or a name in any language')
    .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
    .option('--json', 'print the parley/actor@1 object')
    .action(async (id: string, o) => {
      const { actorCommand } = await import('./commands/corpus.js');
      done(await actorCommand(id, o));
    });

  program
    .command('actors')
    .description('actors of the corpus (one per referent, across scripts, languages and types), most articles first')
    .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
    .option('--limit <n>', 'number of actors (default 50; all with --json)', positiveInt)
    .option('--json', 'JSON Lines, one parley/actor@1 a line')
    .action(async (o) => {
      const { actorsCommand } = await import('./commands/corpus.js');
      done(await actorsCommand(o));
    });

  claimFilters(
    program
      .command('network')
      .description('the contact network: actors as nodes, CONSULT claims as edges (mode, status, dates, count)')
      .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
      .addOption(new Option('--format <format>', 'output format').choices(['json', 'graphml', 'dot']).default('json')),
  ).action(async (o) => {
    const { networkCommand } = await import('./commands/corpus.js');
    done(await networkCommand(o));
  });

  program
    .command('framing')
    .description("per outlet, the labels it gives each actor of a story and the actor's quotes it carries")
    .argument('<story>', 'story id (as `parley stories` prints it)')
    .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
    .option('--json', 'print as one JSON object')
    .action(async (story: string, o) => {
      const { framingCommand } = await import('./commands/corpus.js');
      done(await framingCommand(story, o));
    });

  claimFilters(
    program
      .command('export')
      .description('the corpus, streamed and complete: claims as JSON Lines, CSV (one row per report), PLOVER records, or the network as GraphML')
      .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
      .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'csv', 'plover', 'graphml']).default('jsonl')),
  ).action(async (o) => {
    const { exportCommand } = await import('./commands/corpus.js');
    done(await exportCommand(o));
  });

  program
    .command('corpus')
    .description('corpus maintenance')
    .command('rebuild')
    .description('recompute stories, claims and actors from the stored articles (same ids as ingesting them)')
    .option('--db <path>', 'database: a SQLite file or postgres://USER@HOST/DB', dbDefault())
    .option('--json', 'print the summary as JSON')
    .action(async (o) => {
      const { rebuildCommand } = await import('./commands/corpus.js');
      done(await rebuildCommand(o));
    });

  program
    .command('worker')
    .description('analyse and store the articles queued by `ingest --queue` (run any number, on any machine reaching the database)')
    .option('--db <url>', 'PostgreSQL database: postgres://USER@HOST/DB', dbDefault())
    .option('--concurrency <n>', 'jobs at a time, each on its own analysis thread', positiveInt, 1)
    .option('--idle-exit <seconds>', 'exit once the queue has been empty this long', Number)
    .option('--quiet', 'no line per job')
    .option('--json', 'print the summary as one JSON object')
    .action(async (o) => {
      const { queueWorkerCommand } = await import('./commands/qworker.js');
      done(await queueWorkerCommand(o));
    });

  program
    .command('queue')
    .description('the shared job queue: pending, running and failed jobs with their errors')
    .option('--db <url>', 'PostgreSQL database: postgres://USER@HOST/DB', dbDefault())
    .option('--retry [jobs...]', 'put failed jobs back in the queue (these ids, or all failed jobs)')
    .option('--limit <n>', 'running and failed jobs listed', positiveInt, 50)
    .option('--json', 'print as one JSON object')
    .action(async (o) => {
      const { queueCommand } = await import('./commands/queue.js');
      done(await queueCommand(o));
    });

  program
    .command('watch')
    .description('poll RSS/Atom feeds and directories, ingest what is new (until Ctrl-C; --once for one round)')
    .argument('[sources...]', 'http(s) feed URLs and directories')
    .option('--sources-file <file>', 'a list of sources, one a line (# comments)')
    .option('--db <path>', 'SQLite database file or postgres:// URL', dbDefault())
    .option('--interval <seconds>', 'between polls of one source (failing sources back off up to 1 h)', positiveInt, 300)
    .option('--once', 'poll every source once, then stop')
    .option('--state <file>', 'where validators, seen items and source health are kept (default: beside the database)')
    .option('--timeout <seconds>', 'for one HTTP exchange', positiveInt, 20)
    .option('--max-bytes <size>', 'reject an article (file or JSON line) larger than this (default 10MB)', bytes)
    .option('--json', 'print the summary as one JSON object')
    .action(async (sources: string[], o) => {
      const { watchCommand } = await import('./commands/watch.js');
      done(await watchCommand(sources, o));
    });

  program
    .command('sources')
    .description('health of the watched sources: last success, last error, failures in a row, counts')
    .option('--db <path>', 'SQLite database file or postgres:// URL', dbDefault())
    .option('--state <file>', 'the watch state file (default: beside the database)')
    .option('--json', 'JSON Lines, one source a line')
    .action(async (o) => {
      const { sourcesCommand } = await import('./commands/watch.js');
      done(await sourcesCommand(o));
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length <= 2) {
    program.outputHelp();
    return EXIT.USAGE;
  }
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE;
    }
    if (e instanceof CliError) {
      process.stderr.write(`parley: ${e.message}\n`);
      return e.code;
    }
    if (e instanceof RangeError && /not a date/.test(e.message)) {
      process.stderr.write(`parley: ${e.message}\n`);
      return EXIT.USAGE;
    }
    process.stderr.write(`parley: fatal: ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT.FATAL;
  }
}

// Closing the reader of our output (`parley analyze ... | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(exitCode);
  throw e;
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`parley: fatal: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = EXIT.FATAL;
  },
);
