/** Actor: names per language, roles over time, quotes, contacts (a small network) and claims. */
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { flatNames, itemsOf, nameFromId, seg, type NameMap, useApi, type Actor, type Claim, type EntitySummary, type Page, type QuoteRecord } from '../api';
import { Async, Empty, ErrorBox, LangTag, Loading, StatusBadge, plural, useEntity } from '../components/common';
import { claimLabel, type Names } from './claimText';

export function ActorPage() {
  const { id = '' } = useParams();
  const actor = useApi<Actor>(`/actors/${seg(id)}`);
  const entity = useApi<{ entity: EntitySummary }>(`/entities/${seg(id)}`);
  if (actor.error && entity.error) return <ErrorBox error={actor.error} />;
  if (!actor.data && !entity.data) return <Loading what="actor" />;
  return <ActorView id={id} actor={actor.data} entity={entity.data?.entity ?? null} actorError={actor.error} />;
}

function ActorView({ id, actor, entity, actorError }: { id: string; actor: Actor | null; entity: EntitySummary | null; actorError: Error | null }) {
  // names per language (only string values: an older API put its contacts' names here)
  const names: Partial<Record<string, string>> = Object.fromEntries(
    Object.entries({ ...(entity?.names ?? {}), ...(actor?.names ?? {}) }).filter(([, v]) => typeof v === 'string' && v),
  );
  const display = names.en || entity?.name || Object.values(names).find(Boolean) || nameFromId(id);
  const quotes = useApi<Page<QuoteRecord>>('/quotes', { speaker: id, limit: 50 });
  const claims = useApi<Page<Claim>>('/claims', { actor: id, limit: 100 });
  const roles = useMemo(() => rolesOverTime(actor), [actor]);
  const type = actor?.type ?? entity?.type ?? '';
  return (
    <article className="actor-page">
      <p className="crumbs">
        <Link to="/network">Network</Link> ›
      </p>
      <h1>
        {display} <span className="badge type">{type}</span>
      </h1>
      <p className="muted small">
        id <code>{id}</code> · {plural(actor?.articles ?? entity?.articles ?? 0, 'article')} · {actor ? plural(actor.quotes, 'quote') : '? quotes'}
        {' · '}
        <Link to={`/search?entity=${encodeURIComponent(id)}&q=${encodeURIComponent(entity?.name ?? display)}`}>articles mentioning</Link>
      </p>
      {actorError && <p className="muted small">No corpus profile ({actorError.message}); showing what the articles say.</p>}

      <div className="columns">
        <section>
          <h2>Names</h2>
          <dl className="facts">
            {['en', 'ru', 'uk', ...Object.keys(names).filter((l) => !['en', 'ru', 'uk'].includes(l))]
              .filter((l) => names[l])
              .map((l) => (
                <div key={l}>
                  <dt>
                    <LangTag lang={l} />
                  </dt>
                  <dd lang={l}>{names[l]}</dd>
                </div>
              ))}
          </dl>
          <h2>Roles over time</h2>
          {roles.length ? (
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Lang</th>
                  <th scope="col">First</th>
                  <th scope="col">Last</th>
                  <th scope="col" className="num">
                    Articles
                  </th>
                </tr>
              </thead>
              <tbody>
                {roles.map((r) => (
                  <tr key={`${r.lang}:${r.title}`}>
                    <td lang={r.lang}>
                      <Link to={`/articles/${seg(r.article)}`}>{r.title}</Link>
                    </td>
                    <td>
                      <LangTag lang={r.lang} />
                    </td>
                    <td className="nowrap">{r.first ?? '—'}</td>
                    <td className="nowrap">{r.last ?? '—'}</td>
                    <td className="num">{r.n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : entity?.roles.length ? (
            <p lang="ru">{entity.roles.join('; ')}</p>
          ) : (
            <Empty>No titles found.</Empty>
          )}
        </section>
        <section>
          <h2>Contacts</h2>
          {actor?.contacts.length ? (
            <ContactGraph
              id={id}
              name={display}
              contacts={actor.contacts.map((c) => {
                const known = (actor.contactNames ?? (actor.names as unknown as NameMap))?.[c.actor];
                return { ...c, name: c.name ?? known?.name ?? null, type: known?.type ?? '' };
              })}
            />
          ) : (
            <Empty>No contacts recorded.</Empty>
          )}
        </section>
      </div>

      <h2>Claims</h2>
      <Async state={claims} what="claims">
        {(p) => <ClaimsList claims={itemsOf(p)} self={id} selfName={entity?.name ?? display} known={flatNames(actor?.contactNames ?? (actor?.names as unknown as NameMap))} />}
      </Async>

      <h2>Quotes</h2>
      <Async state={quotes} what="quotes">
        {(p) =>
          itemsOf(p).length ? (
            <ul className="quotes wide">
              {itemsOf(p).map((q, i) => (
                <li key={i}>
                  <span className="muted small nowrap">
                    {q.published ?? ''} {q.outlet ?? ''}
                  </span>{' '}
                  <LangTag lang={q.lang} />{' '}
                  <Link to={`/articles/${seg(q.article)}?at=${q.start}`} lang={q.lang} className="quote">
                    {q.kind === 'direct' ? `«${q.text}»` : q.text}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>No quotes.</Empty>
          )
        }
      </Async>
    </article>
  );
}

function rolesOverTime(actor: Actor | null) {
  const by = new Map<string, { title: string; lang: string; first: string | null; last: string | null; n: number; article: string }>();
  for (const r of actor?.roles ?? []) {
    const k = `${r.lang}:${r.title}`;
    const x = by.get(k) ?? { title: r.title, lang: r.lang, first: r.published, last: r.published, n: 0, article: r.article };
    x.n++;
    if (r.published && (!x.first || r.published < x.first)) x.first = r.published;
    if (r.published && (!x.last || r.published > x.last)) {
      x.last = r.published;
      x.article = r.article;
    }
    by.set(k, x);
  }
  return [...by.values()].sort((a, b) => (a.first ?? '').localeCompare(b.first ?? '') || b.n - a.n);
}

function ClaimsList({ claims, self, selfName, known }: { claims: Claim[]; self: string; selfName: string; known: Names }) {
  if (!claims.length) return <Empty>Part of no claim.</Empty>;
  const names: Names = { ...known, [self]: selfName };
  const sorted = [...claims].sort((a, b) => (b.firstReported?.published ?? '').localeCompare(a.firstReported?.published ?? ''));
  return (
    <table className="list">
      <thead>
        <tr>
          <th scope="col">First reported</th>
          <th scope="col">Claim</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Reports
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((c) => (
          <tr key={c.id}>
            <td className="nowrap">{c.firstReported?.published ?? '—'}</td>
            <td>
              <Link to={`/claims/${seg(c.id)}`}>{claimLabel(c, flatNames(c.names, { ...names }))}</Link>
            </td>
            <td>
              <StatusBadge status={c.status} />
            </td>
            <td className="num">{c.reports.length}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The actor in the middle, up to 16 contacts around it; line width = number of shared claims. */
type Contact = Actor['contacts'][number] & { type?: string };

function ContactGraph({ id, name, contacts }: { id: string; name: string; contacts: Contact[] }) {
  const top = [...contacts].sort((a, b) => b.claims - a.claims).slice(0, 16);
  const max = Math.max(...top.map((c) => c.claims));
  // an ellipse leaves room for the labels left and right
  const W = 620;
  const H = 360;
  const cx = W / 2;
  const cy = H / 2;
  const RX = 150;
  const RY = 135;
  return (
    <figure className="contacts">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${name} and ${top.length} contacts`}>
        {top.map((c, i) => {
          const a = (2 * Math.PI * i) / top.length - Math.PI / 2;
          return <line key={c.actor} x1={cx} y1={cy} x2={cx + RX * Math.cos(a)} y2={cy + RY * Math.sin(a)} className="edge" strokeWidth={1 + (4 * c.claims) / max} />;
        })}
        <circle cx={cx} cy={cy} r={9} className="node self" />
        <text x={cx} y={cy - 14} textAnchor="middle" className="label self">
          {name}
        </text>
        {top.map((c, i) => {
          const a = (2 * Math.PI * i) / top.length - Math.PI / 2;
          return <ContactNode key={c.actor} contact={c} x={cx + RX * Math.cos(a)} y={cy + RY * Math.sin(a)} right={Math.cos(a) >= -1e-9} />;
        })}
      </svg>
      <figcaption className="muted small legend">
        <span>
          <span className="dot type-PER" /> person
        </span>
        <span>
          <span className="dot type-ORG" /> organisation
        </span>
        <span>
          <span className="dot type-LOC" /> place
        </span>
        <span>(n) and line width: claims shared</span>
        {contacts.length > top.length && <span>the 16 most frequent of {contacts.length} contacts</span>}
      </figcaption>
    </figure>
  );
}

function ContactNode({ contact, x, y, right }: { contact: Contact; x: number; y: number; right: boolean }) {
  const e = useEntity(contact.name ? null : contact.actor);
  const navigate = useNavigate();
  const label = contact.name || e?.name || nameFromId(contact.actor);
  const to = `/actors/${seg(contact.actor)}`;
  return (
    <a href={to} onClick={(ev) => (ev.preventDefault(), navigate(to))} aria-label={`${label}: ${contact.claims} claims, last ${contact.last ?? 'undated'}`}>
      <circle cx={x} cy={y} r={6} className={`node t-${contact.type || e?.type || 'x'}`} />
      <text x={x + (right ? 9 : -9)} y={y + 4} textAnchor={right ? 'start' : 'end'} className="label">
        {label.length > 22 ? `${label.slice(0, 21)}…` : label} ({contact.claims})
      </text>
    </a>
  );
}
