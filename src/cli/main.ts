#!/usr/bin/env node
/**
 * The `parley` command. Thin: every command calls library functions (ingest, pipeline, store);
 * each command's module is imported only when that command runs, to keep cold start short.
 * Exit codes: 0 all good, 1 some inputs rejected, 2 usage error, 3 nothing readable / fatal.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { availableParallelism } from 'node:os';
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

const dateOpt = (flag: string, what: string) => new Option(`${flag} <date>`, `${what} (YYYY, YYYY-MM or YYYY-MM-DD, inclusive)`);

let exitCode: number = EXIT.OK;
const done = (code: number) => {
  exitCode = code;
};

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('parley')
    .description('Multilingual (ru/uk/en) news to a sourced, queryable record of diplomacy.')
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
    .option('--db <path>', 'SQLite database file', dbDefault())
    .option('--no-progress', 'no progress bar (it is shown only when stderr is a terminal)')
    .option('--jobs <n>', `analyse on N worker threads (this machine has ${availableParallelism()} cores)`, positiveInt, 1)
    .option('--max-bytes <size>', 'reject an article (file or JSON line) larger than this (default 10MB)', bytes)
    .option('--json', 'print the summary as one JSON object')
    .action(async (inputs: string[], o) => {
      const { ingestCommand } = await import('./commands/ingest.js');
      done(await ingestCommand(inputs, o));
    });

  program
    .command('search')
    .description('find articles by any inflected form of the query words (ranked, with snippets)')
    .argument('<words...>', 'query words (all must match; each by lemma or exact form)')
    .option('--db <path>', 'SQLite database file', dbDefault())
    .option('--lang <code>', 'only articles in this language (ru, uk, en)')
    .addOption(dateOpt('--from', 'published on or after'))
    .addOption(dateOpt('--to', 'published on or before'))
    .option('--outlet <name>', 'only articles from this outlet (case-insensitive substring)')
    .option('--entity <id>', 'only articles mentioning this entity id')
    .option('--limit <n>', 'number of hits', positiveInt, 20)
    .option('--json', 'print the result as one JSON object')
    .addOption(new Option('--marks <style>', 'how matched words are marked (default: bold on a terminal, else brackets)').choices(['ansi', 'brackets', 'guillemets']))
    .action(async (words: string[], o) => {
      const { searchCommand } = await import('./commands/query.js');
      done(await searchCommand(words, o));
    });

  program
    .command('show')
    .description('print stored articles (parley/article@1 JSON) by id')
    .argument('<ids...>', 'article ids (as search and the other commands print them)')
    .option('--db <path>', 'SQLite database file', dbDefault())
    .option('--pretty', 'indented JSON')
    .action(async (ids: string[], o) => {
      const { showCommand } = await import('./commands/query.js');
      done(await showCommand(ids, o));
    });

  program
    .command('stats')
    .description('articles per language, outlet and month; entity, quote and event counts')
    .option('--db <path>', 'SQLite database file', dbDefault())
    .option('--json', 'print as JSON')
    .action(async (o) => {
      const { statsCommand } = await import('./commands/query.js');
      done(await statsCommand(o));
    });

  program
    .command('entities')
    .description('entities of the corpus with article and mention counts and names per language')
    .option('--db <path>', 'SQLite database file', dbDefault())
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
    .option('--db <path>', 'SQLite database file', dbDefault())
    .option('--speaker <id>', 'only quotes by this entity id')
    .addOption(dateOpt('--from', 'published on or after'))
    .addOption(dateOpt('--to', 'published on or before'))
    .option('--lang <code>', 'only articles in this language')
    .option('--limit <n>', 'number of quotes', positiveInt, 100)
    .option('--json', 'JSON Lines, one quote a line')
    .action(async (o) => {
      const { quotesCommand } = await import('./commands/query.js');
      done(await quotesCommand(o));
    });

  program
    .command('events')
    .description('diplomatic events across the corpus (PLOVER types), newest first')
    .option('--db <path>', 'SQLite database file', dbDefault())
    .option('--type <type>', 'PLOVER type: CONSULT, AGREE, REQUEST, REJECT, ACCUSE, THREATEN, SANCTION, SUPPORT, ...')
    .option('--mode <mode>', 'CONSULT mode: call, meeting, visit, summit, talks, channel, other')
    .option('--actor <id>', 'only events with this entity id among the actors')
    .addOption(new Option('--status <status>', 'only this status').choices(['occurred', 'ongoing', 'planned', 'possible', 'cancelled', 'none']))
    .addOption(dateOpt('--from', 'event date (else publication date) on or after'))
    .addOption(dateOpt('--to', 'event date (else publication date) on or before'))
    .option('--lang <code>', 'only articles in this language')
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

  claimFilters(
    program
      .command('claims')
      .description('claims: real-world happenings merged from every article and event that reports them, latest first')
      .option('--db <path>', 'SQLite database file', dbDefault())
      .option('--type <type>', 'PLOVER type: CONSULT, AGREE, REQUEST, ...')
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
    .option('--db <path>', 'SQLite database file', dbDefault())
    .option('--json', 'print the parley/claim@1 object')
    .action(async (id: string, o) => {
      const { claimCommand } = await import('./commands/corpus.js');
      done(await claimCommand(id, o));
    });

  program
    .command('actor')
    .description("an actor's profile: names per language, roles over time, articles, quotes, contacts")
    .argument('<id|name>', 'entity or actor id, or a name in any language')
    .option('--db <path>', 'SQLite database file', dbDefault())
    .option('--json', 'print the parley/actor@1 object')
    .action(async (id: string, o) => {
      const { actorCommand } = await import('./commands/corpus.js');
      done(await actorCommand(id, o));
    });

  program
    .command('actors')
    .description('actors of the corpus (one per referent, across scripts, languages and types), most articles first')
    .option('--db <path>', 'SQLite database file', dbDefault())
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
      .option('--db <path>', 'SQLite database file', dbDefault())
      .addOption(new Option('--format <format>', 'output format').choices(['json', 'graphml', 'dot']).default('json')),
  ).action(async (o) => {
    const { networkCommand } = await import('./commands/corpus.js');
    done(await networkCommand(o));
  });

  program
    .command('framing')
    .description("per outlet, the labels it gives each actor of a story and the actor's quotes it carries")
    .argument('<story>', 'story id (as `parley stories` prints it)')
    .option('--db <path>', 'SQLite database file', dbDefault())
    .option('--json', 'print as one JSON object')
    .action(async (story: string, o) => {
      const { framingCommand } = await import('./commands/corpus.js');
      done(await framingCommand(story, o));
    });

  claimFilters(
    program
      .command('export')
      .description('the corpus, streamed and complete: claims as JSON Lines, CSV (one row per report), PLOVER records, or the network as GraphML')
      .option('--db <path>', 'SQLite database file', dbDefault())
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
    .option('--db <path>', 'SQLite database file', dbDefault())
    .option('--json', 'print the summary as JSON')
    .action(async (o) => {
      const { rebuildCommand } = await import('./commands/corpus.js');
      done(await rebuildCommand(o));
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
