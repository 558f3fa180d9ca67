/**
 * Story: its claims on a timeline with their status changes, its articles, and its outlets side by
 * side (the labels each gives each actor, the quotes each carries).
 */
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { flatNames, getJson, seg, storyTitle, useApi, useApiMany, type ArticleSummary, type Claim, type Framing, type Page, type Story } from '../api';
import { ActorLink, Async, Empty, ErrorBox, LangTag, STATUSES, STATUS_COLOR, StatusBadge, knownName, plural } from '../components/common';
import { Plot, PlotFigure } from '../components/PlotFigure';
import { claimLabel, type Names } from './claimText';

export function StoryPage() {
  const { id = '' } = useParams();
  const story = useApi<Story>(`/stories/${seg(id)}`);
  return <Async state={story} what="story">{(s) => <StoryView story={s} />}</Async>;
}

function StoryView({ story }: { story: Story }) {
  // GET /api/stories/:id carries the claims, the article summaries and the names of every id
  const fetchClaims = !story.claimList;
  const claims = useApiMany<Claim>(fetchClaims ? story.claims.map((c) => `/claims/${seg(c)}`) : []);
  const claimList = story.claimList ?? story.claims.map((c) => claims.data.get(`/claims/${seg(c)}`)).filter((c): c is Claim => !!c);
  const names = useMemo(() => {
    const n = flatNames(story.names);
    for (const c of claimList) flatNames(c.names, n);
    for (const [id, name] of Object.entries(n)) knownName(id, name);
    return n;
  }, [story, claimList.length]); // eslint-disable-line react-hooks/exhaustive-deps
  // the API gives the latest articles (and `articleCount`); the rest come page by page from /stories/:id/articles
  const total = story.articleCount ?? story.articles.length;
  const [more, setMore] = useState<{ list: ArticleSummary[]; next: string | null; loading: boolean; error: string | null } | null>(null);
  const loadMore = async () => {
    const cur = more ?? { list: [], next: null, loading: false, error: null };
    setMore({ ...cur, loading: true, error: null });
    try {
      const p = await getJson<Page<ArticleSummary>>(`/stories/${seg(story.id)}/articles`, { limit: 200, cursor: cur.next ?? undefined });
      setMore({ list: [...cur.list, ...p.items], next: p.next, loading: false, error: null });
    } catch (e) {
      setMore({ ...cur, loading: false, error: (e as Error).message });
    }
  };
  const shown = more ? more.list : (story.articleList ?? []);
  const articles = [...shown].sort((a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.id.localeCompare(b.id));
  const titles = typeof story.title === 'object' && story.title ? Object.entries(story.title).filter(([, t]) => t) : [];

  return (
    <article className="story">
      <p className="crumbs">
        <Link to="/stories">Stories</Link> ›
      </p>
      <h1>{storyTitle(story)}</h1>
      {titles.length > 1 && (
        <ul className="titles">
          {titles.map(([lang, t]) => (
            <li key={lang}>
              <LangTag lang={lang} /> <span lang={lang}>{t}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        {plural(total, 'article')} · {story.langs.join(', ')} · {story.outlets.join(', ') || 'outlet unknown'} · {story.from ?? '?'} – {story.to ?? '?'}
        {story.entities.length > 0 && (
          <>
            {' '}
            · about{' '}
            {story.entities.slice(0, 6).map((e, i) => (
              <span key={e}>
                {i > 0 && ', '}
                <ActorLink id={e} name={names[e]} />
              </span>
            ))}
          </>
        )}
      </p>

      <h2>Claims over time</h2>
      {fetchClaims && claims.loading && !claimList.length ? (
        <p className="muted">Loading claims…</p>
      ) : claimList.length ? (
        <>
          <ClaimTimeline claims={claimList} names={names} />
          <ClaimTable claims={[...claimList].sort((a, b) => (a.firstReported?.published ?? '').localeCompare(b.firstReported?.published ?? ''))} names={names} />
        </>
      ) : (
        <Empty>No claims in this story.</Empty>
      )}

      <h2>Articles ({total})</h2>
      {shown.length < total && (
        <p className="muted small">
          {more ? `${shown.length} of ${total} shown, oldest first. ` : `The latest ${shown.length} of ${total}. `}
          {(!more || more.next) && (
            <button type="button" onClick={() => void loadMore()} disabled={more?.loading}>
              {more?.loading ? 'Loading…' : more ? 'Show more' : 'Show all, oldest first'}
            </button>
          )}
          {more?.error && <span role="alert"> {more.error}</span>}
        </p>
      )}
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Published</th>
            <th scope="col">Outlet</th>
            <th scope="col">Lang</th>
            <th scope="col">Title</th>
          </tr>
        </thead>
        <tbody>
          {(articles.length ? articles : story.articles.map((id) => ({ id, title: null, lead: id, published: null, lang: '', outlet: null }))).map((a) => (
            <tr key={a.id}>
              <td className="nowrap">{a.published ?? ''}</td>
              <td>{a.outlet ?? ''}</td>
              <td>
                <LangTag lang={a.lang} />
              </td>
              <td>
                <Link to={`/articles/${seg(a.id)}`} lang={a.lang || undefined}>
                  {a.title || a.lead || a.id}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Outlets side by side</h2>
      <p className="muted small">For each actor, the titles and labels each outlet gives it and the quotes of it each outlet carries (a quote opens at its place in the article); “named only”: the outlet names the actor without a title or a quote; —: the outlet does not name it.</p>
      <FramingView story={story.id} langOf={new Map(articles.map((a) => [a.id, a.lang]))} />
    </article>
  );
}

interface Segment {
  claim: string;
  label: string;
  status: string;
  x1: Date;
  x2: Date;
  changed: boolean;
}

const DAY = 864e5;

export function historySegments(c: Claim, label: string): Segment[] {
  const dates = c.reports.map((r) => r.published).filter((d): d is string => !!d).sort();
  const end = dates.length ? new Date(dates[dates.length - 1]) : null;
  const hist = c.history.filter((h) => h.date);
  return hist.map((h, i) => {
    const x1 = new Date(h.date!);
    const next = hist[i + 1]?.date;
    let x2 = next ? new Date(next) : end && end > x1 ? end : x1;
    if (+x2 - +x1 < DAY) x2 = new Date(+x1 + DAY);
    return { claim: c.id, label, status: h.status, x1, x2, changed: i > 0 };
  });
}

function ClaimTimeline({ claims, names }: { claims: Claim[]; names: Names }) {
  const options = useMemo(() => (width: number): Plot.PlotOptions => {
    const labels = new Map(claims.map((c) => [c.id, claimLabel(c, names)]));
    // the same label twice would merge two rows: make each unique
    const seen = new Map<string, number>();
    for (const [id, l] of labels) {
      const n = (seen.get(l) ?? 0) + 1;
      seen.set(l, n);
      if (n > 1) labels.set(id, `${l} (${n})`);
    }
    const segs = claims.flatMap((c) => historySegments(c, labels.get(c.id)!));
    const reports = claims.flatMap((c) => c.reports.filter((r) => r.published).map((r) => ({ label: labels.get(c.id)!, x: new Date(r.published!), status: r.status, outlet: r.outlet ?? '' })));
    const order = [...claims].sort((a, b) => (a.firstReported?.published ?? '').localeCompare(b.firstReported?.published ?? '')).map((c) => labels.get(c.id)!);
    // the labels take up to a third of the width (about 7 px per character at 12 px)
    const MAXL = Math.max(30, Math.floor((width / 3 - 16) / 7));
    const longest = Math.min(MAXL, Math.max(...order.map((l) => l.length)));
    return {
      width,
      height: 40 + 34 * order.length,
      // about 7 px per character at 12 px
      marginLeft: 16 + Math.ceil(longest * 7.2),
      marginRight: 30,
      x: { type: 'utc', label: null, grid: true },
      y: { domain: order, label: null },
      color: { domain: [...STATUSES], range: STATUSES.map((s) => STATUS_COLOR[s]), legend: true },
      marks: [
        Plot.axisY({ tickFormat: (l: string) => (l.length > MAXL ? `${l.slice(0, MAXL - 1)}…` : l), label: null, fontSize: 12, title: (l: string) => l }),
        Plot.barX(segs, { y: 'label', x1: 'x1', x2: 'x2', fill: 'status', insetTop: 11, insetBottom: 11, title: (d: Segment) => `${d.status} from ${d.x1.toISOString().slice(0, 10)}` }),
        Plot.dot(reports, { y: 'label', x: 'x', stroke: '#222', fill: 'white', r: 3, title: (d: { outlet: string; status: string; x: Date }) => `${d.x.toISOString().slice(0, 10)} ${d.outlet}: ${d.status}` }),
        Plot.text(segs, { y: 'label', x: 'x1', text: (d: Segment) => (d.changed ? `→ ${d.status}` : d.status), dy: -12, textAnchor: 'start', fill: 'status', fontSize: 11 }),
      ],
    };
  }, [claims, names]);
  return <PlotFigure options={options} className="chart timeline" label="Claims of this story over time, coloured by status" />;
}

function ClaimTable({ claims, names }: { claims: Claim[]; names: Names }) {
  return (
    <table className="list claims">
      <thead>
        <tr>
          <th scope="col">Claim</th>
          <th scope="col">When</th>
          <th scope="col">Status history</th>
          <th scope="col" className="num">
            Reports
          </th>
        </tr>
      </thead>
      <tbody>
        {claims.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/claims/${seg(c.id)}`}>{claimLabel(c, names)}</Link>
            </td>
            <td className="nowrap">{c.when ? `${c.when.mod ? c.when.mod.toLowerCase() + ' ' : ''}${c.when.value}` : '—'}</td>
            <td>
              {c.history.map((h, i) => (
                <span key={i} className="nowrap">
                  {i > 0 && ' → '}
                  <StatusBadge status={h.status} /> <span className="muted small">{h.date}</span>
                </span>
              ))}
            </td>
            <td className="num">{c.reports.length}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The API's framing of the story (corpus `framing()`): actors down, outlets across. */
function FramingView({ story, langOf }: { story: string; langOf: Map<string, string> }) {
  const framing = useApi<Framing>('/framing', { story });
  if (framing.error) return <ErrorBox error={framing.error} />;
  if (!framing.data) return <p className="muted">Loading the framing…</p>;
  const f = framing.data;
  const actors = f.actors.slice(0, 20);
  if (!actors.length) return <Empty>No outlet labels or quotes an actor in this story.</Empty>;
  return (
    <div className="framing-wrap">
      <table className="list framing">
        <thead>
          <tr>
            <th scope="col">Actor</th>
            {f.outlets.map((o) => (
              <th scope="col" key={o}>
                {o}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {actors.map((a) => {
            const cells = new Map(a.outlets.map((c) => [c.outlet, c]));
            return (
              <tr key={a.actor}>
                <th scope="row">
                  <ActorLink id={a.actor} name={a.name} />
                </th>
                {f.outlets.map((o) => {
                  const c = cells.get(o);
                  if (!c)
                    return (
                      <td key={o} className="muted not-named" title={`${o} does not name ${a.name} in this story`}>
                        —
                      </td>
                    );
                  const bare = !c.labels.length && !c.quotes.length && !c.names.some((n) => n !== a.name);
                  return (
                    <td key={o}>
                      {bare && <span className="muted small">named only</span>}
                      {c.names.some((n) => n !== a.name) && <div className="small muted">as {c.names.join(', ')}</div>}
                      {c.labels.map((l) => (
                        <div key={l.label} className="label-chip">
                          {l.label}
                          {l.articles.length > 1 && <span className="muted small"> ×{l.articles.length}</span>}
                        </div>
                      ))}
                      {c.quotes.slice(0, 2).map((q, i) => (
                        <div key={i} className="small">
                          <Link to={`/articles/${seg(q.article)}?at=${q.start}`} className="quote" lang={langOf.get(q.article)}>
                            {q.kind === 'direct' ? `«${clip(q.text)}»` : clip(q.text)}
                          </Link>
                        </div>
                      ))}
                      {c.quotes.length > 2 && (
                        <div className="muted small">
                          +{c.quotes.length - 2} more quote{c.quotes.length - 2 === 1 ? '' : 's'}
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {f.actors.length > actors.length && <p className="muted small">The 20 most mentioned of {f.actors.length} actors.</p>}
    </div>
  );
}

const clip = (t: string, n = 120) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);
