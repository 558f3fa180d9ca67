/**
 * Search: the morphological search (any inflected form of each word) with its filters; the whole
 * query lives in the URL, so a search is a permalink and Back returns to the previous one.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { getJson, seg, type SearchHit, type SearchResult } from '../api';
import { Empty, ErrorBox, LangTag, Loading } from '../components/common';
import { ActorPicker } from '../components/ActorPicker';

const FIELDS = ['q', 'lang', 'from', 'to', 'outlet', 'entity'] as const;
type Query = Record<(typeof FIELDS)[number], string>;

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries(FIELDS.map((k) => [k, params.get(k) ?? ''])) as Query;
  const key = FIELDS.map((k) => query[k]).join('\u0000');
  const [draft, setDraft] = useState<Query>(query);
  useEffect(() => setDraft(query), [key]); // eslint-disable-line react-hooks/exhaustive-deps
  const [res, setRes] = useState<{ key: string; result: SearchResult | null; hits: SearchHit[]; error: Error | null; loading: boolean }>({ key: '', result: null, hits: [], error: null, loading: false });

  const run = (cursor: string | null) => {
    setRes((r) => ({ ...r, loading: true }));
    getJson<SearchResult>('/search', { ...query, marks: 'ctrl', limit: 20, cursor }).then(
      (result) => setRes((r) => ({ key, result, hits: cursor && r.key === key ? [...r.hits, ...(result.items ?? [])] : (result.items ?? []), error: null, loading: false })),
      (error: Error) => setRes({ key, result: null, hits: [], error, loading: false }),
    );
  };
  useEffect(() => {
    if (query.q.trim()) run(null);
    else setRes({ key, result: null, hits: [], error: null, loading: false });
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of FIELDS) if (draft[k].trim()) next.set(k, draft[k].trim());
    setParams(next);
  };
  const r = res.key === key ? res : null;
  return (
    <section>
      <h1>Search</h1>
      <form className="filters search" role="search" onSubmit={submit}>
        <label className="grow">
          Words{' '}
          <input type="search" name="q" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} placeholder="e.g. переговоры Макрон (any form matches)" autoFocus={!query.q} />
        </label>
        <label>
          Language{' '}
          <select value={draft.lang} onChange={(e) => setDraft({ ...draft, lang: e.target.value })}>
            <option value="">any</option>
            <option value="ru">ru</option>
            <option value="uk">uk</option>
            <option value="en">en</option>
          </select>
        </label>
        <label>
          From <input type="text" placeholder="YYYY-MM(-DD)" size={10} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          To <input type="text" placeholder="YYYY-MM(-DD)" size={10} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <label>
          Outlet <input type="text" size={10} value={draft.outlet} onChange={(e) => setDraft({ ...draft, outlet: e.target.value })} />
        </label>
        <ActorPicker label="Mentions" value={draft.entity} onChange={(entity) => setDraft({ ...draft, entity })} />
        <button type="submit">Search</button>
      </form>
      <ErrorBox error={r?.error ?? null} />
      {r?.result && (
        <>
          <p className="muted" aria-live="polite">
            {r.result.total} article{r.result.total === 1 ? '' : 's'} with any form of{' '}
            {r.result.terms.map((t, i) => {
              const other = t.lemmas.filter((l) => l !== t.word.toLowerCase());
              return (
                <span key={i}>
                  {i > 0 && ' + '}
                  <span title={`forms: ${t.forms.join(', ')}`} className="term">
                    <strong>{t.word}</strong>
                    {other.length > 0 && ` (as ${other.join(' / ')})`}
                  </span>
                </span>
              );
            })}
          </p>
          {r.hits.length ? (
            <ol className="hits">
              {r.hits.map((h) => (
                <li key={h.id}>
                  <Link to={`/articles/${seg(h.id)}${h.matches?.[0] ? `?at=${h.matches[0].start}` : ''}`} lang={h.lang} className="hit-title">
                    {h.title || h.lead || h.id}
                  </Link>
                  <div className="muted small">
                    {h.published ?? 'undated'} · {h.outlet ?? 'outlet unknown'} · <LangTag lang={h.lang} />
                  </div>
                  <p className="snippet" lang={h.lang}>
                    <Snippet text={h.snippet} />
                  </p>
                </li>
              ))}
            </ol>
          ) : (
            <Empty>Nothing found.</Empty>
          )}
          {r.result.next && !r.loading && (
            <button type="button" onClick={() => run(r.result!.next)}>
              More results
            </button>
          )}
        </>
      )}
      {res.loading && <Loading what="results" />}
      {!query.q && <p className="muted">Each word matches any of its inflected forms (Макрон finds Макрона and Макроном; переговори finds переговорів).</p>}
    </section>
  );
}

/** A snippet whose matched words the API wrapped in \u0002…\u0003 (or « » from an older API). */
function Snippet({ text }: { text: string }) {
  const ctrl = text.includes('\u0002');
  const re = ctrl ? /\u0002([^\u0003]*)\u0003/g : /«([^«»]{1,60})»/g;
  const parts: (string | { m: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    parts.push(text.slice(last, m.index));
    parts.push({ m: m[1] });
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts.map((p, i) => (typeof p === 'string' ? p : <mark key={i}>{p.m}</mark>))}</>;
}
