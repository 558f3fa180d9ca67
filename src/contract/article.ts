import type { Doc } from '../doc/model.js';

export const ARTICLE_SCHEMA = 'parley/article@1';

export interface ArticleJsonOptions {
  /** include every token with lemma, UD pos and features */
  tokens?: boolean;
}

/**
 * The only writer of the public contract (`../shared/spec/ARTICLE.md`). Internal fields of the
 * layers (token indices, scores, diagnostics) stay out unless the contract names them.
 */
export function toArticleJson(doc: Doc, opts: ArticleJsonOptions = {}): Record<string, unknown> {
  const L = doc.layers;
  const span = (s: { start: number; end: number }) => ({ start: s.start, end: s.end });
  const tspan = (s: { start: number; end: number; text: string }) => ({ start: s.start, end: s.end, text: s.text });
  const out: Record<string, unknown> = {
    schema: ARTICLE_SCHEMA,
    id: doc.id,
    source: clean({ path: doc.source.path, url: doc.source.url, outlet: doc.source.outlet ?? null }),
    published: doc.published,
    lang: doc.lang,
    title: doc.title,
    text: doc.text,
    sentences: (L.sentences ?? []).map(span),
    entities: (L.entities ?? []).map((e) =>
      clean({
        id: e.id,
        type: e.type,
        name: e.name,
        names: e.names && Object.keys(e.names).length ? e.names : undefined,
        mentions: e.mentions.map((m) => ({ ...tspan(m), lemma: m.lemma })),
        roles: e.roles && e.roles.length ? e.roles : undefined,
      }),
    ),
    quotes: (L.quotes ?? []).map((q) =>
      clean({
        ...tspan(q),
        kind: q.kind,
        speaker: q.speaker,
        cue: q.cue ? { ...tspan(q.cue), lemma: q.cue.lemma } : undefined,
        via: q.via ?? undefined,
        rules: q.rules && q.rules.length ? q.rules : undefined,
      }),
    ),
    events: (L.events ?? []).map((e) =>
      clean({
        ...span(e),
        type: e.type,
        mode: e.mode ?? null,
        actors: e.actors,
        level: e.level ?? null,
        status: e.status,
        when: e.when ?? null,
        place: e.place ?? null,
        reportedBy: e.reportedBy ?? [],
        stances: (e.stances ?? []).map((st) =>
          clean({ by: st.by, stance: st.stance, evidence: st.evidence ? tspan(st.evidence) : undefined, rules: st.rules && st.rules.length ? st.rules : undefined }),
        ),
        trigger: e.trigger ? { ...tspan(e.trigger), lemma: e.trigger.lemma } : undefined,
        rules: e.rules && e.rules.length ? e.rules : undefined,
      }),
    ),
    times: (L.times ?? []).map((t) => clean({ ...tspan(t), value: t.value, to: t.to, mod: t.mod, anchor: t.anchor })),
    attributions: (L.attributions ?? []).map((a) =>
      clean({ ...span(a), source: a.source, cue: a.cue ? { ...tspan(a.cue), lemma: a.cue.lemma } : undefined }),
    ),
  };
  if (opts.tokens) {
    out.tokens = (L.tokens ?? []).map((t) =>
      clean({ start: t.start, end: t.end, text: t.text, lemma: t.lemma ?? t.text, pos: t.pos ?? 'X', tags: t.tags && Object.keys(t.tags).length ? t.tags : undefined }),
    );
  }
  return out;
}

function clean<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
