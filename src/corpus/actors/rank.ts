/**
 * Actors, most articles first (ties by id), without counting every stored entity row. The stores keep
 * per-entity article totals (entity_totals, by trigger); an actor's sum of its entities' totals is an
 * upper bound of its article count, exact when it has one entity (an article has one row per entity
 * id). Only actors of several entity ids whose bound can still reach the page are counted exactly
 * (distinct articles over their ids), so the order is the same as counting every row.
 */
export interface ActorBound {
  actor: string;
  /** the sum of its entities' article totals */
  bound: number;
  /** how many of its entity ids have articles */
  entities: number;
}

/** Actor ids in the order (articles desc, id asc); `limit` 0 or undefined: all. */
export async function rankActors(bounds: ActorBound[], exact: (actor: string) => Promise<number>, limit?: number): Promise<string[]> {
  const byBound = [...bounds].sort((a, b) => b.bound - a.bound || (a.actor < b.actor ? -1 : a.actor > b.actor ? 1 : 0));
  const k = limit && limit > 0 ? Math.floor(limit) : Infinity;
  const got: { actor: string; n: number }[] = [];
  const cmp = (a: { actor: string; n: number }, b: { actor: string; n: number }) => b.n - a.n || (a.actor < b.actor ? -1 : a.actor > b.actor ? 1 : 0);
  let kth: number | null = null; // the k-th best exact count so far
  for (const b of byBound) {
    if (kth !== null && b.bound < kth) break;
    got.push({ actor: b.actor, n: b.entities > 1 ? await exact(b.actor) : b.bound });
    if (got.length >= k) {
      got.sort(cmp);
      got.length = Math.min(got.length, k);
      kth = got[got.length - 1].n;
    }
  }
  return got.sort(cmp).slice(0, k).map((g) => g.actor);
}
