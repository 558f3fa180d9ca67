/** Stories: the current stories with languages, outlets, article count, last update and coverage. */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { getJson, itemsOf, seg, storyTitle, useApi, type Page, type Stats, type Story } from '../api';
import { Empty, ErrorBox, LangTag, Loading, plural } from '../components/common';
import { ActorPicker } from '../components/ActorPicker';
import { Plot, PlotFigure } from '../components/PlotFigure';

const FILTERS = ['from', 'to', 'lang', 'outlet', 'actor'] as const;

export function StoriesPage() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const key = FILTERS.map((k) => filters[k]).join('|');
  const [pages, setPages] = useState<{ key: string; items: Story[]; next: string | null; error: Error | null; loading: boolean }>({ key: '', items: [], next: null, error: null, loading: true });
  const stats = useApi<Stats>('/stats');

  const load = (cursor: string | null) => {
    setPages((p) => ({ ...p, loading: true }));
    getJson<Page<Story>>('/stories', { from: filters.from, to: filters.to, lang: filters.lang, outlet: filters.outlet, entity: filters.actor, limit: 50, cursor }).then(
      (r) => setPages((p) => ({ key, items: cursor && p.key === key ? [...p.items, ...itemsOf(r)] : itemsOf(r), next: r.next ?? null, error: null, loading: false })),
      (e: Error) => setPages({ key, items: [], next: null, error: e, loading: false }),
    );
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => load(null), [key]);

  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [key]); // eslint-disable-line react-hooks/exhaustive-deps
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of FILTERS) if (draft[k].trim()) next.set(k, draft[k].trim());
    setParams(next);
  };
  const outlets = (stats.data?.byOutlet ?? []).filter((o) => o.outlet).map((o) => o.outlet as string);

  return (
    <section>
      <h1>Stories</h1>
      {stats.data && (
        <p className="muted">
          {plural(stats.data.articles, 'article')} stored · {stats.data.byLang.map((l) => `${l.lang} ${l.n}`).join(' · ')} · {plural(stats.data.events, 'event')} · {plural(stats.data.quotes, 'quote')}
        </p>
      )}
      <form className="filters" onSubmit={apply} aria-label="Filter stories">
        <label>
          From <input type="text" inputMode="numeric" placeholder="YYYY-MM(-DD)" pattern="\d{4}(-\d{2}(-\d{2})?)?" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          To <input type="text" inputMode="numeric" placeholder="YYYY-MM(-DD)" pattern="\d{4}(-\d{2}(-\d{2})?)?" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
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
          Outlet{' '}
          <input list="outlets" value={draft.outlet} onChange={(e) => setDraft({ ...draft, outlet: e.target.value })} />
          <datalist id="outlets">
            {outlets.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </label>
        <ActorPicker label="Actor" value={draft.actor} onChange={(actor) => setDraft({ ...draft, actor })} />
        <button type="submit">Filter</button>
        {FILTERS.some((k) => filters[k]) && (
          <button type="button" className="link" onClick={() => setParams(new URLSearchParams())}>
            Clear
          </button>
        )}
      </form>
      <ErrorBox error={pages.error} />
      {pages.key === key && !pages.error && (pages.items.length ? <StoryTable stories={pages.items} /> : !pages.loading && <Empty>No stories match.</Empty>)}
      {pages.loading && <Loading what="stories" />}
      {pages.next && !pages.loading && (
        <button type="button" onClick={() => load(pages.next)}>
          More stories
        </button>
      )}
    </section>
  );
}

function StoryTable({ stories }: { stories: Story[] }) {
  return (
    <table className="list stories">
      <thead>
        <tr>
          <th scope="col">Story</th>
          <th scope="col">Languages</th>
          <th scope="col">Outlets</th>
          <th scope="col" className="num">
            Articles
          </th>
          <th scope="col" className="nowrap">Last update</th>
          <th scope="col">Coverage</th>
        </tr>
      </thead>
      <tbody>
        {stories.map((s) => (
          <tr key={s.id}>
            <td>
              <Link to={`/stories/${seg(s.id)}`}>{storyTitle(s)}</Link>
              {s.claims?.length ? <span className="muted small"> · {s.claims.length} claim{s.claims.length === 1 ? "" : "s"}</span> : null}
            </td>
            <td>
              {s.langs.map((l) => (
                <LangTag key={l} lang={l} />
              ))}
            </td>
            <td className="outlets">{s.outlets.join(', ') || <span className="muted">—</span>}</td>
            <td className="num">{s.articleCount ?? s.articles.length}</td>
            <td className="nowrap">{s.to ?? '—'}</td>
            <td>
              <Sparkline story={s} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Articles per day over the story's span (from the API's `coverage`, else the article dates it lists). */
export function coverageOf(s: Story): { date: Date; n: number }[] {
  let pts = s.coverage;
  if (!pts && s.articleList) {
    const by = new Map<string, number>();
    for (const a of s.articleList) if (a.published) by.set(a.published.slice(0, 10), (by.get(a.published.slice(0, 10)) ?? 0) + 1);
    pts = [...by].map(([date, n]) => ({ date, n }));
  }
  return (pts ?? []).filter((p) => p.date).map((p) => ({ date: new Date(p.date), n: p.n })).sort((a, b) => +a.date - +b.date);
}

function Sparkline({ story }: { story: Story }) {
  const pts = useMemo(() => coverageOf(story), [story]);
  const options = useMemo<Plot.PlotOptions>(() => {
    // half a day of room either side, so a one-day story is one tick in the middle, not a full bar
    const from = pts.length ? +pts[0].date : 0;
    const to = pts.length ? +pts[pts.length - 1].date : 0;
    const pad = Math.max(864e5 / 2, (to - from) * 0.04);
    return {
      width: 140,
      height: 28,
      margin: 3,
      axis: null,
      x: { type: 'utc', domain: [new Date(from - pad), new Date(to + pad)] },
      y: { domain: [0, Math.max(1, ...pts.map((p) => p.n))] },
      marks: [Plot.ruleY([0], { stroke: '#cfd8dc' }), Plot.ruleX(pts, { x: 'date', y1: 0, y2: 'n', stroke: '#1565c0', strokeWidth: 4 })],
    };
  }, [pts]);
  if (!pts.length) return <span className="muted small">{story.from === story.to ? story.from : `${story.from ?? '?'} – ${story.to ?? '?'}`}</span>;
  const total = pts.reduce((a, p) => a + p.n, 0);
  return <PlotFigure options={options} className="spark" label={`coverage: ${total} articles from ${story.from} to ${story.to}`} />;
}
