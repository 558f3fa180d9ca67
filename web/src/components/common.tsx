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
  if (state.error) return <ErrorBox error={state.error} />;
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

/** A sentence (or window) of `text` around [start, end) with that span highlighted. */
export function InContext({ text, start, end, sentences, width = 240 }: { text: string; start: number; end: number; sentences?: { start: number; end: number }[]; width?: number }) {
  let a = Math.max(0, start - width);
  let b = Math.min(text.length, end + width);
  const covering = (sentences ?? []).filter((s) => s.end > start && s.start < end);
  if (covering.length) {
    a = Math.min(...covering.map((s) => s.start));
    b = Math.max(...covering.map((s) => s.end));
  } else {
    const before = text.lastIndexOf('\n', start);
    if (before >= a) a = before + 1;
    const after = text.indexOf('\n', end);
    if (after !== -1 && after < b) b = after;
  }
  return (
    <blockquote className="context">
      {a > 0 && '… '}
      {text.slice(a, start)}
      <mark className="evidence">{text.slice(start, end)}</mark>
      {text.slice(end, b)}
      {b < text.length && ' …'}
    </blockquote>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="muted empty">{children}</p>;
}
