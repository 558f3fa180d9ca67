/**
 * Network: actors and their contacts over a time window, drawn with sigma.js (WebGL) over a
 * graphology graph laid out by ForceAtlas2; thousands of nodes stay smooth. Edge colour is the
 * contact's status, its shape the mode (straight: in person; curved: at a distance), its width the
 * number of claims. Filters and the selected actor live in the URL. Clicking a node or an edge
 * lists the claims behind it.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import Graph from 'graphology';
import Sigma from 'sigma';
import EdgeCurveProgram from '@sigma/edge-curve';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import { flatNames, nameFromId, seg, useApi, useApiMany, type Claim, type Network } from '../api';
import { claimLabel, type Names } from './claimText';
import { ErrorBox, Loading, MODES, STATUSES, STATUS_COLOR, StatusBadge } from '../components/common';

const TYPE_COLOR: Record<string, string> = { PER: '#3949ab', ORG: '#8e24aa', LOC: '#8d6e63', EVT: '#546e7a', PRO: '#546e7a' };
const REMOTE = new Set(['call', 'channel', 'other']);

interface EdgeAttrs {
  size: number;
  color: string;
  type: 'line' | 'curved';
  curvature?: number;
  /** the mode and status most of its claims have */
  mode: string;
  status: string;
  modes: Record<string, number>;
  statuses: Record<string, number>;
  claims: string[];
  count: number;
  first: string | null;
  last: string | null;
}

/** The key with the highest count (ties: the first in `order`). */
function dominant(counts: Record<string, number> | undefined, order: readonly string[]): string {
  let best = 'unknown';
  let n = 0;
  for (const k of [...order, ...Object.keys(counts ?? {})]) if ((counts?.[k] ?? 0) > n) [best, n] = [k, counts![k]];
  return best;
}

/** Graphs up to this size label every node (larger ones label the bigger nodes where there is room). */
const LABEL_ALL = 60;
/** The graph box is about this much wider than tall on a laptop; a sync layout is stretched to fill it. */
const ASPECT = 1.7;

/** Sigma's label with a white halo, so a label stays readable where edges cross it. */
function drawLabel(ctx: CanvasRenderingContext2D, data: { x: number; y: number; size: number; label?: string | null }, settings: { labelSize: number; labelFont: string; labelWeight: string }): void {
  if (!data.label) return;
  ctx.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
  const x = data.x + data.size + 3;
  const y = data.y + settings.labelSize / 3;
  ctx.lineJoin = 'round';
  ctx.lineWidth = 4;
  ctx.strokeStyle = 'rgba(255,255,255,0.92)';
  ctx.strokeText(data.label, x, y);
  ctx.fillStyle = '#1f2933';
  ctx.fillText(data.label, x, y);
}

/**
 * The extent sigma should fit into a box of `width` x `height` px so that every label (drawn to the
 * right of its node) stays inside it: the nodes' extent widened by the longest label reaching past
 * the right-most nodes, in layout units (which depend on the extent: two rounds settle it).
 */
function labelledBBox(g: Graph, width: number, height: number, pad: number): { x: [number, number]; y: [number, number] } {
  const xs: number[] = [];
  const ys: number[] = [];
  const chars: number[] = [];
  g.forEachNode((_, a) => {
    xs.push(a.x as number);
    ys.push(a.y as number);
    chars.push(String(a.label ?? '').length);
  });
  const x0 = Math.min(...xs);
  const y: [number, number] = [Math.min(...ys), Math.max(...ys)];
  let x1 = Math.max(...xs);
  for (let round = 0; round < 2; round++) {
    const px = Math.max((x1 - x0) / Math.max(1, width - 2 * pad), (y[1] - y[0]) / Math.max(1, height - 2 * pad)) || 1;
    x1 = Math.max(...xs.map((x, i) => x + (chars[i] * 7.5 + 24) * px));
  }
  return { x: [x0, x1], y };
}

/** Graphs larger than this are laid out in a web worker while they are already drawn and usable. */
const SYNC_LAYOUT_MAX = 400;
/** Graphs larger than this hide edges and labels while the camera moves and pick no edges (speed). */
const LARGE = 800;

export function buildGraph(net: Network): Graph {
  const g = new Graph({ multi: false, type: 'undirected', allowSelfLoops: false });
  const n = net.nodes.length;
  net.nodes.forEach((node, i) => {
    if (g.hasNode(node.id)) return;
    // a spiral start: ForceAtlas2 needs distinct positions
    const a = i * 2.399963;
    const r = 10 * Math.sqrt(i + 1);
    g.addNode(node.id, {
      label: node.name || node.label || nameFromId(node.id),
      x: r * Math.cos(a),
      y: r * Math.sin(a),
      size: 3,
      color: TYPE_COLOR[node.type ?? ''] ?? '#546e7a',
      nodeType: node.type ?? '',
      claims: node.claims ?? 0,
    });
  });
  void n;
  for (const e of net.edges) {
    if (!g.hasNode(e.source) || !g.hasNode(e.target) || e.source === e.target || g.hasEdge(e.source, e.target)) continue;
    const count = e.count ?? e.claims?.length ?? 1;
    const mode = dominant(e.modes, MODES);
    const status = dominant(e.statuses, STATUSES);
    const remote = REMOTE.has(mode);
    const attrs: EdgeAttrs = {
      size: Math.min(7, 1 + 1.3 * Math.log2(1 + count)),
      color: STATUS_COLOR[status] ?? '#9e9e9e',
      type: remote ? 'curved' : 'line',
      curvature: remote ? 0.35 : 0,
      mode,
      status,
      modes: e.modes ?? {},
      statuses: e.statuses ?? {},
      claims: e.claims ?? [],
      count,
      first: e.first ?? null,
      last: e.last ?? null,
    };
    g.addEdge(e.source, e.target, attrs);
  }
  g.forEachNode((id) => g.setNodeAttribute(id, 'size', Math.min(18, 3 + 2.2 * Math.sqrt(g.degree(id)))));
  if (g.order > 1 && g.order <= SYNC_LAYOUT_MAX) {
    const settings = forceAtlas2.inferSettings(g);
    // strong gravity keeps small components near the main one instead of far off-screen
    forceAtlas2.assign(g, { iterations: g.order > 1000 ? 80 : 250, settings: { ...settings, strongGravityMode: true, gravity: 0.6, scalingRatio: Math.max(settings.scalingRatio ?? 1, 8), barnesHutOptimize: g.order > 300 } });
    // labels run to the right: a layout as wide as the box leaves them more room
    g.updateEachNodeAttributes((_, a) => ({ ...a, x: a.x * ASPECT }));
    if (g.order <= LABEL_ALL) spreadApart(g);
  }
  return g;
}

/**
 * ForceAtlas2 may leave two nodes almost on top of each other, and every node of a small graph is
 * labelled: pushes apart pairs closer than a share of the drawing's extent (more across than down,
 * since labels run to the right), so labels do not print over each other.
 */
function spreadApart(g: Graph): void {
  const ids = g.nodes();
  const pos = ids.map((id) => ({ x: g.getNodeAttribute(id, 'x') as number, y: g.getNodeAttribute(id, 'y') as number }));
  const xs = pos.map((p) => p.x);
  const ys = pos.map((p) => p.y);
  const w = Math.max(...xs) - Math.min(...xs);
  const h = Math.max(...ys) - Math.min(...ys);
  const extent = Math.max(w, h) || 1;
  // sigma fits the drawing into the graph box (about 960 x 540 px on a laptop): layout units per pixel;
  // a label is about 7.5 px a character at 13 px, a line of text about 18 px
  // (the box's width less the longest label, which labelledBBox keeps inside it)
  const labelPx = ids.map((id) => String(g.getNodeAttribute(id, 'label') ?? '').length * 7.5 + 22);
  const px = Math.max(w / Math.max(300, 960 - Math.max(...labelPx)), h / 540) || extent / 540;
  const labelW = labelPx.map((l) => l * px);
  const minY = 18 * px;
  for (let iter = 0; iter < 60; iter++) {
    let moved = false;
    for (let i = 0; i < pos.length; i++)
      for (let j = i + 1; j < pos.length; j++) {
        const dx = pos[j].x - pos[i].x;
        const dy = pos[j].y - pos[i].y;
        const ox = (dx >= 0 ? labelW[i] : labelW[j]) - Math.abs(dx);
        const oy = minY - Math.abs(dy);
        if (ox <= 0 || oy <= 0) continue;
        moved = true;
        // separate along the axis that needs the smaller move
        if (oy * 3 < ox) {
          const s = (dy >= 0 ? 1 : -1) * (oy / 2 + 1e-6 * extent);
          pos[i].y -= s;
          pos[j].y += s;
        } else {
          const s = (dx >= 0 ? 1 : -1) * (ox / 2 + 1e-6 * extent);
          pos[i].x -= s;
          pos[j].x += s;
        }
      }
    if (!moved) break;
  }
  ids.forEach((id, k) => g.mergeNodeAttributes(id, pos[k]));
}

const FILTERS = ['from', 'to', 'mode', 'status'] as const;

export function NetworkPage() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const selected = params.get('actor') ?? '';
  const net = useApi<Network>('/network', filters);
  const [draft, setDraft] = useState(filters);
  const fkey = FILTERS.map((k) => filters[k]).join('|');
  useEffect(() => setDraft(filters), [fkey]); // eslint-disable-line react-hooks/exhaustive-deps
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const k of FILTERS) if (draft[k]) p.set(k, draft[k]);
    if (selected) p.set('actor', selected);
    setParams(p);
  };
  const select = (id: string | null) => {
    const p = new URLSearchParams(params);
    if (id) p.set('actor', id);
    else p.delete('actor');
    setParams(p, { replace: true });
  };

  return (
    <section className="network-page">
      <h1>Network</h1>
      <form className="filters" onSubmit={apply} aria-label="Filter the network">
        <label>
          From <input size={10} placeholder="YYYY-MM(-DD)" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          To <input size={10} placeholder="YYYY-MM(-DD)" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <label>
          Mode{' '}
          <select value={draft.mode} onChange={(e) => setDraft({ ...draft, mode: e.target.value })}>
            <option value="">any</option>
            {MODES.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Status{' '}
          <select value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">any</option>
            {STATUSES.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <button type="submit">Apply</button>
      </form>
      <ErrorBox error={net.error} />
      {net.loading && !net.data && <Loading what="the network" />}
      {net.data && <GraphView net={net.data} selected={selected} onSelect={select} />}
    </section>
  );
}

type Selection = { kind: 'node'; id: string } | { kind: 'edge'; id: string } | null;

function GraphView({ net, selected, onSelect }: { net: Network; selected: string; onSelect: (id: string | null) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const sigmaRef = useRef<Sigma | null>(null);
  const [graph, setGraph] = useState<Graph | null>(null);
  const [edgeSel, setEdgeSel] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [layoutMs, setLayoutMs] = useState(0);
  const [layoutState, setLayoutState] = useState<'sync' | 'running' | 'done'>('sync');
  const state = useRef({ selected, hovered, edgeSel });
  state.current = { selected, hovered, edgeSel };

  useEffect(() => {
    const t0 = performance.now();
    const g = buildGraph(net);
    setLayoutMs(Math.round(performance.now() - t0));
    setGraph(g);
  }, [net]);

  useEffect(() => {
    if (!graph || !box.current) return;
    const large = graph.order > LARGE || graph.size > 2 * LARGE;
    const renderer = new Sigma(graph, box.current, {
      edgeProgramClasses: { curved: EdgeCurveProgram },
      // while the page is left (the box already detached, zero-sized) a last resize must not throw
      allowInvalidContainer: true,
      // picking edges redraws every edge into a picking buffer on each mouse move: only on small graphs
      enableEdgeEvents: !large,
      hideEdgesOnMove: large,
      hideLabelsOnMove: large,
      renderEdgeLabels: false,
      // a small graph labels every node; a middling one the nodes its label grid has room for
      labelRenderedSizeThreshold: graph.order <= LABEL_ALL ? 0 : graph.order <= LARGE ? 4 : 7,
      labelDensity: graph.order <= LABEL_ALL ? 4 : graph.order <= LARGE ? 0.8 : 0.5,
      labelSize: 13,
      defaultDrawNodeLabel: drawLabel,
      defaultEdgeType: 'line',
      zIndex: true,
      nodeReducer: (node, data) => {
        const { selected: sel, hovered: hov } = state.current;
        const focus = hov || sel;
        if (!focus || !graph.hasNode(focus)) return data;
        if (node === focus) return { ...data, highlighted: true, forceLabel: true, zIndex: 2 };
        if (graph.areNeighbors(node, focus)) return { ...data, forceLabel: true, zIndex: 1 };
        return { ...data, color: '#d5d8dc', label: '', zIndex: 0 };
      },
      edgeReducer: (edge, data) => {
        const { selected: sel, hovered: hov, edgeSel: picked } = state.current;
        const focus = hov || sel;
        const shown = !focus || !graph.hasNode(focus) || graph.hasExtremity(edge, focus);
        if (!shown) return { ...data, hidden: true };
        // the edge whose claims the panel lists stands out; the others fade
        if (picked && graph.hasEdge(picked)) return edge === picked ? { ...data, size: (data.size ?? 1) + 3, zIndex: 2 } : { ...data, color: '#cfd8dc', zIndex: 0 };
        return focus ? { ...data, zIndex: 1 } : data;
      },
    });
    sigmaRef.current = renderer;
    // keep the labels of the right-most nodes inside the box (a layout done before drawing: it does not move)
    if (graph.order > 1 && graph.order <= SYNC_LAYOUT_MAX && box.current.clientWidth > 0) {
      renderer.setCustomBBox(labelledBBox(graph, box.current.clientWidth, box.current.clientHeight, renderer.getSetting('stagePadding') ?? 30));
      renderer.refresh();
    }
    renderer.on('enterNode', ({ node }) => setHovered(node));
    renderer.on('leaveNode', () => setHovered(null));
    renderer.on('clickNode', ({ node }) => {
      setEdgeSel(null);
      onSelect(node);
    });
    renderer.on('clickEdge', ({ edge }) => setEdgeSel(edge));
    renderer.on('clickStage', () => {
      setEdgeSel(null);
      onSelect(null);
    });
    let frames = 0;
    renderer.on('afterRender', () => {
      frames++;
      if (box.current) box.current.dataset.frames = String(frames);
    });
    box.current.dataset.nodes = String(graph.order);
    box.current.dataset.edges = String(graph.size);
    // a large graph is drawn at once and laid out by ForceAtlas2 in a worker for a few seconds
    let layout: FA2Layout | null = null;
    let stopTimer: ReturnType<typeof setTimeout> | undefined;
    if (graph.order > SYNC_LAYOUT_MAX) {
      const settings = forceAtlas2.inferSettings(graph);
      layout = new FA2Layout(graph, { settings: { ...settings, strongGravityMode: true, gravity: 0.6, scalingRatio: Math.max(settings.scalingRatio ?? 1, 8), barnesHutOptimize: true } });
      layout.start();
      setLayoutState('running');
      stopTimer = setTimeout(() => {
        layout?.stop();
        setLayoutState('done');
      }, Math.min(8000, 1500 + graph.order * 2));
    }
    return () => {
      clearTimeout(stopTimer);
      layout?.kill();
      renderer.kill();
      sigmaRef.current = null;
    };
  }, [graph]); // eslint-disable-line react-hooks/exhaustive-deps

  // refresh the highlight and centre the camera on the selected actor
  useEffect(() => {
    const r = sigmaRef.current;
    if (!r || !graph) return;
    r.refresh({ skipIndexation: true });
    if (selected && graph.hasNode(selected)) {
      const pos = r.getNodeDisplayData(selected);
      if (pos) r.getCamera().animate({ x: pos.x, y: pos.y }, { duration: 400 });
    }
  }, [selected, hovered, edgeSel, graph]);

  const labels = useMemo(() => (graph ? graph.mapNodes((id, a) => ({ id, label: String(a.label), degree: graph.degree(id) })).sort((a, b) => b.degree - a.degree) : []), [graph]);
  const find = (e: FormEvent) => {
    e.preventDefault();
    const q = query.trim().toLowerCase();
    if (!q) return;
    const hit = labels.find((l) => l.id === query.trim()) ?? labels.find((l) => l.label.toLowerCase() === q) ?? labels.find((l) => l.label.toLowerCase().includes(q));
    if (hit) onSelect(hit.id);
  };

  const sel: Selection = edgeSel && graph?.hasEdge(edgeSel) ? { kind: 'edge', id: edgeSel } : selected && graph?.hasNode(selected) ? { kind: 'node', id: selected } : null;
  return (
    <div className="network">
      <div className="graph-wrap">
        <div ref={box} className="graph" aria-label={`Contact network: ${graph?.order ?? 0} actors, ${graph?.size ?? 0} contacts. Use the search and the list beside it to move with the keyboard.`} role="img" />
        <Legend />
        <p className="muted small stats">
          {graph ? `${graph.order} actors · ${graph.size} contact edges · ${layoutState === 'sync' ? `layout ${layoutMs} ms` : layoutState === 'running' ? 'laying out…' : 'laid out'}` : ''}
        </p>
      </div>
      <aside className="graph-side">
        <form onSubmit={find} role="search">
          <label>
            Find an actor{' '}
            <input list="graph-actors" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="name" />
          </label>
          <datalist id="graph-actors">
            {labels.slice(0, 500).map((l) => (
              <option key={l.id} value={l.label} />
            ))}
          </datalist>
          <button type="submit">Find</button>
        </form>
        {graph && sel?.kind === 'node' && <NodePanel graph={graph} id={sel.id} onEdge={setEdgeSel} />}
        {graph && sel?.kind === 'edge' && <EdgePanel graph={graph} id={sel.id} />}
        {!sel && graph && (
          <>
            <h2>Most connected</h2>
            <ol className="top-actors">
              {labels.slice(0, 15).map((l) => (
                <li key={l.id}>
                  <button type="button" className="link" onClick={() => onSelect(l.id)}>
                    {l.label}
                  </button>{' '}
                  <span className="muted small">{l.degree}</span>
                </li>
              ))}
            </ol>
          </>
        )}
      </aside>
    </div>
  );
}

function Legend() {
  return (
    <div className="legend" aria-label="Legend">
      {STATUSES.map((s) => (
        <span key={s} className="legend-item">
          <span className={`swatch status-${s}`} /> {s}
        </span>
      ))}
      <span className="legend-item">— straight: meeting, visit, summit, talks</span>
      <span className="legend-item">◠ curved: call, channel</span>
      <span className="legend-item">
        <span className="dot type-PER" /> person <span className="dot type-ORG" /> organisation <span className="dot type-LOC" /> place
      </span>
    </div>
  );
}

function NodePanel({ graph, id, onEdge }: { graph: Graph; id: string; onEdge: (e: string) => void }) {
  const a = graph.getNodeAttributes(id);
  const edges = graph
    .edges(id)
    .map((e) => ({ e, other: graph.opposite(id, e), attrs: graph.getEdgeAttributes(e) as EdgeAttrs }))
    .sort((x, y) => y.attrs.count - x.attrs.count);
  return (
    <div className="panel">
      <h2>
        <Link to={`/actors/${seg(id)}`}>{String(a.label)}</Link>
      </h2>
      <p className="muted small">
        {a.nodeType} · {edges.length} contact edges
      </p>
      <ul className="edge-list">
        {edges.slice(0, 60).map(({ e, other, attrs }) => (
          <li key={e}>
            <button type="button" className="link" onClick={() => onEdge(e)}>
              {String(graph.getNodeAttribute(other, 'label'))}
            </button>{' '}
            <span className="small">
              {attrs.mode} <StatusBadge status={attrs.status} /> {attrs.count} claim{attrs.count === 1 ? '' : 's'}
              {attrs.last ? ` · last ${attrs.last}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function EdgeClaims({ ids, names }: { ids: string[]; names: Names }) {
  const shown = ids.slice(0, 30);
  const got = useApiMany<Claim>(shown.map((c) => `/claims/${seg(c)}`));
  return (
    <ul className="edge-claims">
      {shown.map((c) => {
        const claim = got.data.get(`/claims/${seg(c)}`);
        return (
          <li key={c}>
            <Link to={`/claims/${seg(c)}`}>{claim ? claimLabel(claim, flatNames(claim.names, { ...names })) : `claim ${c}`}</Link> {claim && <StatusBadge status={claim.status} />}
            {claim && <span className="muted small"> {claim.reports.length} report{claim.reports.length === 1 ? '' : 's'}</span>}
          </li>
        );
      })}
      {ids.length > shown.length && <li className="muted">… {ids.length - shown.length} more</li>}
    </ul>
  );
}

function EdgePanel({ graph, id }: { graph: Graph; id: string }) {
  const [s, t] = graph.extremities(id);
  const attrs = graph.getEdgeAttributes(id) as EdgeAttrs;
  return (
    <div className="panel">
      <h2>
        <Link to={`/actors/${seg(s)}`}>{String(graph.getNodeAttribute(s, 'label'))}</Link> – <Link to={`/actors/${seg(t)}`}>{String(graph.getNodeAttribute(t, 'label'))}</Link>
      </h2>
      <p>
        {attrs.count} claim{attrs.count === 1 ? '' : 's'}
        {attrs.first ? ` · ${attrs.first === attrs.last ? attrs.first : `${attrs.first} – ${attrs.last}`}` : ''}
      </p>
      <p className="small">
        {Object.entries(attrs.modes).map(([m, k]) => `${m} ${k}`).join(' · ')}
        <br />
        {Object.entries(attrs.statuses).map(([st, k]) => (
          <span key={st}>
            <StatusBadge status={st} /> {k}{' '}
          </span>
        ))}
      </p>
      <EdgeClaims ids={attrs.claims} names={{ [s]: String(graph.getNodeAttribute(s, 'label')), [t]: String(graph.getNodeAttribute(t, 'label')) }} />
    </div>
  );
}
