/**
 * The contact network: nodes are actors, edges are CONSULT claims between two of them (with the
 * modes, statuses, dates and number of claims), built from the claims a filter selects. Written as
 * JSON, GraphML (Gephi, Cytoscape) or DOT (Graphviz).
 */
import type { ClaimJson } from './claims/summary.js';

export interface NetworkNode {
  id: string;
  name: string;
  type: string;
  /** claims the actor is a party to (in this network) */
  claims: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  /** number of claims */
  count: number;
  claims: string[];
  modes: Record<string, number>;
  statuses: Record<string, number>;
  /** earliest and latest date of its claims (`when`, else first report) */
  first: string | null;
  last: string | null;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

/** Builds the network from CONSULT claims; `actorOf` maps entity ids to actor ids. */
export function buildNetwork(
  claims: Iterable<ClaimJson>,
  actorOf: (entity: string) => string,
  nameOf: (actor: string) => { name: string; type: string } | undefined,
): Network {
  const edges = new Map<string, NetworkEdge>();
  const nodeClaims = new Map<string, Set<string>>();
  for (const c of claims) {
    if (c.type !== 'CONSULT') continue;
    const parties = [...new Set(c.actors.map(actorOf))].sort();
    if (parties.length < 2) continue;
    const date = c.when?.value ?? c.firstReported.published ?? null;
    for (const p of parties) (nodeClaims.get(p) ?? nodeClaims.set(p, new Set()).get(p)!).add(c.id);
    for (let i = 0; i < parties.length; i++)
      for (let j = i + 1; j < parties.length; j++) {
        const k = `${parties[i]}\u0000${parties[j]}`;
        const e = edges.get(k) ?? { source: parties[i], target: parties[j], count: 0, claims: [], modes: {}, statuses: {}, first: null, last: null };
        e.count++;
        e.claims.push(c.id);
        const mode = c.mode ?? 'other';
        e.modes[mode] = (e.modes[mode] ?? 0) + 1;
        e.statuses[c.status] = (e.statuses[c.status] ?? 0) + 1;
        if (date && (!e.first || date < e.first)) e.first = date;
        if (date && (!e.last || date > e.last)) e.last = date;
        edges.set(k, e);
      }
  }
  const nodes = [...nodeClaims.entries()]
    .map(([id, cs]) => ({ id, name: nameOf(id)?.name ?? id, type: nameOf(id)?.type ?? '', claims: cs.size }))
    .sort((a, b) => b.claims - a.claims || a.id.localeCompare(b.id));
  return { nodes, edges: [...edges.values()].sort((a, b) => b.count - a.count || a.source.localeCompare(b.source) || a.target.localeCompare(b.target)) };
}

function xml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const top = (m: Record<string, number>) => Object.entries(m).sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';

/** GraphML: node attributes name, type, claims; edge attributes count, mode (most frequent), status, first, last, claims. */
export function* networkGraphml(n: Network): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n';
  for (const [id, f, t] of [
    ['name', 'node', 'string'],
    ['type', 'node', 'string'],
    ['claims', 'node', 'int'],
    ['count', 'edge', 'int'],
    ['mode', 'edge', 'string'],
    ['modes', 'edge', 'string'],
    ['status', 'edge', 'string'],
    ['first', 'edge', 'string'],
    ['last', 'edge', 'string'],
    ['claim_ids', 'edge', 'string'],
  ])
    yield `  <key id="${f === 'edge' && id === 'claims' ? 'e_claims' : id}" for="${f}" attr.name="${id}" attr.type="${t}"/>\n`;
  yield '  <graph id="contacts" edgedefault="undirected">\n';
  for (const x of n.nodes)
    yield `    <node id="${xml(x.id)}"><data key="name">${xml(x.name)}</data><data key="type">${xml(x.type)}</data><data key="claims">${x.claims}</data></node>\n`;
  let i = 0;
  for (const e of n.edges)
    yield `    <edge id="e${i++}" source="${xml(e.source)}" target="${xml(e.target)}"><data key="count">${e.count}</data><data key="mode">${xml(top(e.modes))}</data><data key="modes">${xml(JSON.stringify(e.modes))}</data><data key="status">${xml(top(e.statuses))}</data><data key="first">${xml(e.first ?? '')}</data><data key="last">${xml(e.last ?? '')}</data><data key="claim_ids">${xml(e.claims.join(' '))}</data></edge>\n`;
  yield '  </graph>\n</graphml>\n';
}

function dotId(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** DOT (Graphviz): labelled nodes, edges labelled with count and mode, pen width by count. */
export function* networkDot(n: Network): Generator<string> {
  yield 'graph contacts {\n  node [shape=box];\n';
  for (const x of n.nodes) yield `  ${dotId(x.id)} [label=${dotId(x.name)}];\n`;
  for (const e of n.edges)
    yield `  ${dotId(e.source)} -- ${dotId(e.target)} [label=${dotId(`${e.count} ${top(e.modes)}${e.last ? ' ' + e.last : ''}`)}, penwidth=${Math.min(8, 1 + Math.log2(e.count)).toFixed(1)}];\n`;
  yield '}\n';
}
