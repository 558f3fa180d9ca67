/** Small shared pieces: loading/error states, status and language badges, entity names. */
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, getJson, nameFromId, seg, type EntitySummary } from '../api';

export function Loading({ what }: { what?: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      Loading{what ? ` ${what}` : ''}…
    </p>
  );
}

export function ErrorBox({ error }: { error: Error | null }) {
  if (!error) return null;
  const code = error instanceof ApiError ? `${error.status} ${error.code}: ` : '';
  return (
    <p className="error" role="alert">
      {code}
      {error.message}
    </p>
  );
}

/** Renders loading / error / content for one fetch. */
export function Async<T>({ state, what, children }: { state: { data: T | null; error: Error | null; loading: boolean }; what?: string; children: (d: T) => ReactNode }) {
  if (state.error)
    return (
      <>
        {state.error instanceof ApiError && state.error.status === 404 && <h1>No such {what ?? 'page'}</h1>}
        <ErrorBox error={state.error} />
        {state.error instanceof ApiError && state.error.status === 404 && (
          <p>
            <Link to="/stories">Stories</Link> · <Link to="/search">Search</Link>
          </p>
        )}
      </>
    );
  if (state.data === null) return state.loading ? <Loading what={what} /> : null;
  return <>{children(state.data)}</>;
}

export const STATUSES = ['occurred', 'ongoing', 'planned', 'possible', 'cancelled', 'none'] as const;
export const STATUS_COLOR: Record<string, string> = {
  occurred: '#2e7d32',
  ongoing: '#00838f',
  planned: '#1565c0',
  possible: '#ef6c00',
  cancelled: '#c62828',
  none: '#757575',
};
export const MODES = ['call', 'meeting', 'visit', 'summit', 'talks', 'channel', 'other'] as const;

export function StatusBadge({ status }: { status: string | null | undefined }) {
  const s = status ?? 'unknown';
  return <span className={`badge status status-${STATUS_COLOR[s] ? s : 'unknown'}`}>{s}</span>;
}

export function StanceBadge({ stance }: { stance: string }) {
  return <span className={`badge stance stance-${stance.replace(/[^a-z_]/g, '')}`}>{stance.replace('_', ' ')}</span>;
}

export function LangTag({ lang }: { lang: string | null | undefined }) {
  if (!lang) return null;
  return (
    <span className="badge lang" title={`language: ${lang}`}>
      {lang}
    </span>
  );
}

// ---- entity names: looked up once per id (GET /api/entities/:id), cached for the session
const nameCache = new Map<string, Promise<EntitySummary | null>>();
function lookup(id: string): Promise<EntitySummary | null> {
  let p = nameCache.get(id);
  if (!p) {
    p = getJson<{ entity: EntitySummary } | EntitySummary>(`/entities/${seg(id)}`)
      .then((r) => ('entity' in r ? r.entity : r))
      .catch(() => null);
    nameCache.set(id, p);
  }
  return p;
}
/** Seeds the cache with names a page already has (so no request is made for them). */
export function knownName(id: string, name: string | null | undefined, type = '') {
  if (name && !nameCache.has(id)) nameCache.set(id, Promise.resolve({ id, type, name, names: {}, articles: 0, mentions: 0, roles: [] }));
}

export function useEntity(id: string | null | undefined): EntitySummary | null {
  const [e, setE] = useState<EntitySummary | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    lookup(id).then((x) => live && setE(x));
    return () => {
      live = false;
    };
  }, [id]);
  return e && e.id === id ? e : null;
}

/** An entity's name (looked up), linked to its actor page. */
export function ActorLink({ id, name, lang }: { id: string; name?: string | null; lang?: string }) {
  const e = useEntity(name ? null : id);
  const shown = name || (lang && e?.names?.[lang]) || e?.name || nameFromId(id);
  return (
    <Link to={`/actors/${seg(id)}`} className="actor" title={id}>
      {shown}
    </Link>
  );
}

export function ActorList({ ids, lang }: { ids: string[]; lang?: string }) {
  if (!ids.length) return <span className="muted">—</span>;
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <ActorLink id={id} lang={lang} />
        </span>
      ))}
    </>
  );
}

export function When({ value }: { value: { value: string; mod?: string } | null | undefined }) {
  if (!value) return <span className="muted">date unknown</span>;
  return (
    <span>
      {value.mod ? `${value.mod.toLowerCase()} ` : ''}
      {value.value}
    </span>
  );
}

/**
 * The span [start, end) of `text` highlighted in its context: the sentences it lies in plus one
 * sentence either side (each at most `width` characters), else a window of `width` characters.
 */
export function InContext({ text, start, end, sentences, width = 240 }: { text: string; start: number; end: number; sentences?: { start: number; end: number }[]; width?: number }) {
  let a = Math.max(0, start - width);
  let b = Math.min(text.length, end + width);
  const ss = sentences ?? [];
  const i0 = ss.findIndex((s) => s.end > start);
  if (i0 !== -1 && ss[i0].start <= start) {
    let i1 = i0;
    while (i1 + 1 < ss.length && ss[i1 + 1].start < end) i1++;
    const prev = ss[i0 - 1];
    const next = ss[i1 + 1];
    a = prev && ss[i0].start - prev.start <= width && !text.slice(prev.end, ss[i0].start).includes('\n\n') ? prev.start : ss[i0].start;
    b = next && next.end - ss[i1].end <= width && !text.slice(ss[i1].end, next.start).includes('\n\n') ? next.end : ss[i1].end;
  } else {
    const before = text.lastIndexOf('\n', start - 1);
    if (before >= a) a = before + 1;
    const after = text.indexOf('\n', end);
    if (after !== -1 && after < b) b = after;
  }
  a = Math.min(a, start);
  b = Math.max(b, end);
  return (
    <blockquote className="context">
      {a > 0 && '… '}
      <span className="ctx">{text.slice(a, start)}</span>
      <mark className="evidence">{text.slice(start, end)}</mark>
      <span className="ctx">{text.slice(end, b)}</span>
      {b < text.length && ' …'}
    </blockquote>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="muted empty">{children}</p>;
}

/** The first line of a text, shortened: the heading of an article without a title. */
export function firstLine(text: string, max = 140): string {
  const line = text.trimStart().split('\n', 1)[0].trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line || '(empty)';
}


/** "1 article", "3 articles". */
export const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
