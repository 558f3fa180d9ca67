import { toArticleJson } from '../../contract/article.js';
import type { Doc } from '../../doc/model.js';
import { EXIT } from '../exit.js';
import { bold, dim, line, shorten, write } from '../output.js';
import { analyzed, describe, loadEngine, type Rejection } from './inputs.js';

export interface AnalyzeOptions {
  json?: boolean;
  tokens?: boolean;
  maxBytes?: number;
  /** worker threads for the analysis (1: in this thread) */
  jobs?: number;
  /** in the readable summary: every event, stance and quote with the ids of the rules that produced it */
  explain?: boolean;
}

/** `parley analyze FILES...`: one parley/article@1 per article (JSON Lines) or a readable summary. */
export async function analyzeCommand(files: string[], opts: AnalyzeOptions): Promise<number> {
  // parley/article@1 without --tokens holds no tokens; the readable summary counts them
  const engine = await loadEngine(opts.jobs ?? 1, { tokens: opts.json && !opts.tokens ? 'none' : 'full' });
  const rejected: Rejection[] = [];
  let n = 0;
  const onReject = (r: Rejection) => {
    rejected.push(r);
    process.stderr.write(`parley: rejected ${describe(r)}\n`);
  };
  try {
    for await (const doc of analyzed(files, engine, onReject, { maxBytes: opts.maxBytes })) {
      n++;
      if (opts.json || opts.tokens) await write(process.stdout, JSON.stringify(toArticleJson(doc, { tokens: !!opts.tokens })) + '\n');
      else await summary(doc, n, !!opts.explain);
    }
  } finally {
    await engine.close();
  }
  if (!opts.json && !opts.tokens) await line(dim(`${n} article${n === 1 ? '' : 's'} analysed, ${rejected.length} input${rejected.length === 1 ? '' : 's'} rejected`));
  if (n === 0) return EXIT.FATAL;
  return rejected.length ? EXIT.SOME_REJECTED : EXIT.OK;
}

async function summary(doc: Doc, n: number, explain = false): Promise<void> {
  const L = doc.layers;
  const head = [doc.lang, doc.published ?? 'no date', doc.source.outlet ?? null].filter(Boolean).join(' · ');
  await line(`${n > 1 ? '\n' : ''}${bold(shorten(doc.title ?? doc.text, 90))}`);
  await line(dim(`${doc.id} · ${head} · ${doc.source.path ?? doc.source.url ?? ''}${doc.source.item ? `:${doc.source.item}` : ''}`));
  await line(
    `  ${L.sentences?.length ?? 0} sentences, ${L.tokens?.length ?? 0} tokens, ${L.entities?.length ?? 0} entities, ` +
      `${L.quotes?.length ?? 0} quotes, ${L.events?.length ?? 0} events, ${L.times?.length ?? 0} times`,
  );
  const ents = [...(L.entities ?? [])].sort((a, b) => b.mentions.length - a.mentions.length).slice(0, 8);
  if (ents.length) await line(`  entities: ${ents.map((e) => `${e.name} (${e.type}${e.mentions.length > 1 ? ` ×${e.mentions.length}` : ''})`).join(', ')}`);
  const names = new Map((L.entities ?? []).map((e) => [e.id, e.name]));
  if (explain) return explained(doc, names);
  for (const q of (L.quotes ?? []).slice(0, 3)) await line(`  quote: ${q.speaker ? names.get(q.speaker) ?? q.speaker : '?'}: «${shorten(q.text, 100)}»`);
  for (const e of (L.events ?? []).slice(0, 3))
    await line(`  event: ${e.type}${e.mode ? `/${e.mode}` : ''} ${e.status} ${e.actors.map((a) => names.get(a) ?? a).join(' – ')}${e.when ? ` @${e.when.value}` : ''}`);
}

/** `--explain`: every event (with its stances) and quote, its evidence and the rules that produced it. */
async function explained(doc: Doc, names: Map<string, string>): Promise<void> {
  const L = doc.layers;
  const rules = (r: string[] | undefined) => dim(`    rules: ${r && r.length ? r.join(', ') : '(none recorded)'}`);
  for (const e of L.events ?? []) {
    await line(`  event: ${e.type}${e.mode ? `/${e.mode}` : ''} ${e.status} ${e.actors.map((a) => names.get(a) ?? a).join(' – ')}${e.when ? ` @${e.when.value}` : ''}`);
    await line(dim(`    evidence [${e.start}, ${e.end}): «${shorten(doc.text.slice(e.start, e.end), 140)}»`));
    await line(rules(e.rules));
    for (const s of e.stances ?? []) {
      await line(`    stance: ${names.get(s.by) ?? s.by} ${s.stance}${s.evidence ? ` «${s.evidence.text}» [${s.evidence.start}, ${s.evidence.end})` : ''}`);
      await line(`  ${rules(s.rules)}`);
    }
  }
  for (const q of L.quotes ?? []) {
    await line(`  quote (${q.kind}): ${q.speaker ? names.get(q.speaker) ?? q.speaker : '?'}${q.cue ? ` [${q.cue.text}]` : ''}: «${shorten(q.text, 100)}»`);
    await line(rules(q.rules));
  }
}
