/**
 * Story: its claims on a timeline with their status changes, its articles, and its outlets side by
 * side (the labels each gives each actor, the quotes each carries).
 */
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { seg, storyTitle, useApi, useApiMany, type Article, type Claim, type Story } from '../api';
import { ActorLink, Async, Empty, LangTag, STATUSES, STATUS_COLOR, StatusBadge, knownName } from '../components/common';
import { Plot, PlotFigure } from '../components/PlotFigure';
import { claimLabel, type Names } from './claimText';

/** Articles read in full for the side-by-side view (a long story shows the rest as a list). */
const FULL_ARTICLES = 40;

export function StoryPage() {
  const { id = '' } = useParams();
  const story = useApi<Story>(`/stories/${seg(id)}`);
  return <Async state={story} what="story">{(s) => <StoryView story={s} />}</Async>;
}

function StoryView({ story }: { story: Story }) {
  const claims = useApiMany<Claim>(story.claims.map((c) => `/claims/${seg(c)}`));
  const articles = useApiMany<Article>(story.articles.slice(0, FULL_ARTICLES).map((a) => `/articles/${seg(a)}`));
  const arts = story.articles.map((a) => articles.data.get(`/articles/${seg(a)}`)).filter((a): a is Article => !!a);
  const claimList = story.claims.map((c) => claims.data.get(`/claims/${seg(c)}`)).filter((c): c is Claim => !!c);
  const names = useMemo(() => namesOf(arts), [arts.length]); // eslint-disable-line react-hooks/exhaustive-deps
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
        {story.articles.length} articles · {story.langs.join(', ')} · {story.outlets.join(', ') || 'outlet unknown'} · {story.from ?? '?'} – {story.to ?? '?'}
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
      {claims.loading && !claimList.length ? (
        <p className="muted">Loading claims…</p>
      ) : claimList.length ? (
        <>
          <ClaimTimeline claims={claimList} names={names} />
          <ClaimTable claims={claimList} names={names} />
        </>
      ) : (
        <Empty>No claims in this story.</Empty>
      )}

      <h2>Articles</h2>
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
          {story.articles.map((aid) => {
            const a = articles.data.get(`/articles/${seg(aid)}`);
            return (
              <tr key={aid}>
                <td className="nowrap">{a?.published ?? ''}</td>
                <td>{a?.source.outlet ?? ''}</td>
                <td>
                  <LangTag lang={a?.lang} />
                </td>
                <td>
                  <Link to={`/articles/${seg(aid)}`} lang={a?.lang}>
                    {a ? a.title || a.text.slice(0, 90) : aid}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>Outlets side by side</h2>
      <p className="muted small">The titles each outlet gives each actor, and the quotes it carries.</p>
      {articles.loading && !arts.length ? <p className="muted">Loading articles…</p> : <OutletsSideBySide articles={arts} />}
    </article>
  );
}

/** id -> name, from the entities of the story's articles (the first article's language wins). */
function namesOf(arts: Article[]): Names {
  const out: Names = {};
  for (const a of arts)
    for (const e of a.entities) {
      if (!out[e.id]) out[e.id] = e.names?.en || e.name;
      knownName(e.id, out[e.id], e.type);
    }
  return out;
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
  const options = useMemo<Plot.PlotOptions>(() => {
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
    const longest = Math.max(...order.map((l) => l.length));
    return {
      width: 1000,
      height: 40 + 34 * order.length,
      marginLeft: Math.min(330, 20 + longest * 6),
      marginRight: 30,
      x: { type: 'utc', label: null, grid: true },
      y: { domain: order, label: null, tickFormat: (l: string) => (l.length > 52 ? `${l.slice(0, 50)}…` : l) },
      color: { domain: [...STATUSES], range: STATUSES.map((s) => STATUS_COLOR[s]), legend: true },
      marks: [
        Plot.barX(segs, { y: 'label', x1: 'x1', x2: 'x2', fill: 'status', insetTop: 11, insetBottom: 11, title: (d: Segment) => `${d.status} from ${d.x1.toISOString().slice(0, 10)}` }),
        Plot.dot(reports, { y: 'label', x: 'x', stroke: '#222', fill: 'white', r: 3, title: (d: { outlet: string; status: string; x: Date }) => `${d.x.toISOString().slice(0, 10)} ${d.outlet}: ${d.status}` }),
        Plot.text(segs, { y: 'label', x: 'x1', text: (d: Segment) => (d.changed ? `→ ${d.status}` : d.status), dy: -12, textAnchor: 'start', fill: 'status', fontSize: 10 }),
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

function OutletsSideBySide({ articles }: { articles: Article[] }) {
  const byOutlet = new Map<string, Article[]>();
  for (const a of articles) {
    const o = a.source.outlet || 'outlet unknown';
    byOutlet.set(o, [...(byOutlet.get(o) ?? []), a]);
  }
  if (!byOutlet.size) return <Empty>No articles.</Empty>;
  return (
    <div className="sidebyside">
      {[...byOutlet].map(([outlet, arts]) => {
        const labels = new Map<string, { name: string; titles: Set<string> }>();
        for (const a of arts)
          for (const e of a.entities)
            if (e.roles?.length) {
              const l = labels.get(e.id) ?? { name: e.name, titles: new Set<string>() };
              e.roles.forEach((r) => l.titles.add(r));
              labels.set(e.id, l);
            }
        const quotes = arts.flatMap((a) => a.quotes.map((q) => ({ q, a, speaker: q.speaker ? a.entities.find((e) => e.id === q.speaker) : undefined })));
        return (
          <section key={outlet} className="outlet" aria-label={outlet}>
            <h3>{outlet}</h3>
            <p className="muted small">
              {arts.length} article{arts.length > 1 ? 's' : ''} · {[...new Set(arts.map((a) => a.lang))].join(', ')}
            </p>
            <h4>Labels</h4>
            {labels.size ? (
              <dl className="labels">
                {[...labels].map(([id, l]) => (
                  <div key={id}>
                    <dt>
                      <ActorLink id={id} name={l.name} />
                    </dt>
                    <dd>{[...l.titles].join('; ')}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <Empty>No titles given.</Empty>
            )}
            <h4>Quotes ({quotes.length})</h4>
            <ul className="quotes">
              {quotes.slice(0, 12).map(({ q, a, speaker }, i) => (
                <li key={i}>
                  <span className="who">{speaker ? <ActorLink id={speaker.id} name={speaker.name} /> : <span className="muted">unknown speaker</span>}</span>{' '}
                  <Link to={`/articles/${seg(a.id)}?at=${q.start}`} className="quote" lang={a.lang}>
                    {q.kind === 'direct' ? `«${q.text ?? a.text.slice(q.start, q.end)}»` : q.text ?? a.text.slice(q.start, q.end)}
                  </Link>
                </li>
              ))}
              {quotes.length > 12 && <li className="muted">… {quotes.length - 12} more in the articles</li>}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
