/**
 * An actor's contacts in the PostgreSQL store without parsing claim JSON (the SQLite store's step 15,
 * src/store/sqlite-actor-summary.ts: ACTOR_CONTACTS_MIGRATION and actorContacts).
 *
 * corpus_contact_pairs: one row per CONSULT claim and ordered pair of its parties (entity ids as
 * corpus_claim_actors holds them) with the claim's contact date (its `when`, else its first report's
 * publication). An actor's contacts are a range of its entity ids' rows, counted as buildActor
 * (src/corpus/actors/profile.ts) counts its CONSULT claims. Kept by row triggers: whenever a claim
 * row or one of its parties is written or deleted, the claim's pairs are written afresh from its
 * parties and its row (a claim has a few parties: a handful of rows).
 */
import type { Db } from './postgres-stories.js';
import { rows } from './postgres-stories.js';
import { contactsFromPairTotals, countContactClaims, type ContactClaim, type Contacts } from '../corpus/actors/profile.js';

export const PG_CONTACT_PAIRS_MIGRATION = `
  CREATE TABLE corpus_contact_pairs (
    entity text COLLATE "C" NOT NULL,
    claim  text COLLATE "C" NOT NULL,
    other  text COLLATE "C" NOT NULL,
    date   text COLLATE "C",
    PRIMARY KEY (entity, claim, other)
  );
  CREATE INDEX corpus_contact_pairs_claim ON corpus_contact_pairs(claim);
  CREATE FUNCTION parley_contact_pairs_of(cl text) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM corpus_contact_pairs WHERE claim = cl;
    INSERT INTO corpus_contact_pairs (entity, claim, other, date)
      SELECT a.actor, c.id, b.actor, coalesce(c.json::jsonb #>> '{when,value}', c.json::jsonb #>> '{firstReported,published}')
      FROM corpus_claims c JOIN corpus_claim_actors a ON a.claim = c.id JOIN corpus_claim_actors b ON b.claim = c.id AND b.actor <> a.actor
      WHERE c.id = cl AND c.type = 'CONSULT';
  END $$;
  CREATE FUNCTION parley_contact_pairs_party() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM parley_contact_pairs_of(OLD.claim); END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM parley_contact_pairs_of(NEW.claim); END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER corpus_claim_actors_contact_pairs AFTER INSERT OR UPDATE OR DELETE ON corpus_claim_actors
    FOR EACH ROW EXECUTE FUNCTION parley_contact_pairs_party();
  CREATE FUNCTION parley_contact_pairs_claim() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM parley_contact_pairs_of(OLD.id); END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM parley_contact_pairs_of(NEW.id); END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER corpus_claims_contact_pairs AFTER INSERT OR UPDATE OR DELETE ON corpus_claims
    FOR EACH ROW EXECUTE FUNCTION parley_contact_pairs_claim();
  INSERT INTO corpus_contact_pairs (entity, claim, other, date)
    SELECT a.actor, c.id, b.actor, coalesce(c.json::jsonb #>> '{when,value}', c.json::jsonb #>> '{firstReported,published}')
    FROM corpus_claims c JOIN corpus_claim_actors a ON a.claim = c.id JOIN corpus_claim_actors b ON b.claim = c.id AND b.actor <> a.actor
    WHERE c.type = 'CONSULT';
`;

type Row = Record<string, any>;

/** The CONSULT claims an actor (its entity ids) is a party to, as buildActor reads them: each claim's other parties and its date. */
async function contactClaims(c: Db, entities: string[], others?: string[]): Promise<ContactClaim[]> {
  const byClaim = new Map<string, { actors: string[]; date: string | null }>();
  const found = others
    ? await rows(c, 'SELECT claim, other, date FROM corpus_contact_pairs WHERE entity = ANY($1::text[]) AND other = ANY($2::text[]) ORDER BY entity, claim, other', [entities, others])
    : await rows(c, 'SELECT claim, other, date FROM corpus_contact_pairs WHERE entity = ANY($1::text[]) ORDER BY entity, claim, other', [entities]);
  for (const r of found) {
    let x = byClaim.get(r.claim);
    if (!x) byClaim.set(r.claim, (x = { actors: [], date: r.date ?? null }));
    x.actors.push(r.other);
  }
  return [...byClaim.values()].map((x) => ({ type: 'CONSULT', actors: x.actors, when: x.date == null ? null : { value: x.date }, firstReported: { published: null } }));
}

/**
 * An actor's contacts as buildActor counts them from its CONSULT claims (per other actor: the claims
 * it shares, the latest of their dates), from corpus_contact_pairs (actorContacts of
 * sqlite-actor-summary.ts). An actor of one entity id: the pairs counted per other party in SQL, an
 * other actor of several ids counted per claim; an actor of several ids: per claim.
 */
export async function pgActorContacts(c: Db, id: string, entities: string[]): Promise<Contacts> {
  const out: Contacts = new Map();
  const actorOf = async (parties: string[]) => {
    const m = new Map<string, string>();
    if (parties.length) for (const r of await rows(c, 'SELECT entity, actor FROM corpus_actor_entities WHERE entity = ANY($1::text[])', [parties])) m.set(r.entity, r.actor);
    return (e: string) => m.get(e) ?? e;
  };
  const byClaim = (claims: ContactClaim[], of: (e: string) => string) => countContactClaims(out, id, claims, of);
  if (entities.length !== 1) {
    const claims = await contactClaims(c, entities);
    byClaim(claims, await actorOf([...new Set(claims.flatMap((cl) => cl.actors))]));
    return out;
  }
  const totals: Row[] = await rows(c, 'SELECT other, count(*)::int AS n, max(date) AS last FROM corpus_contact_pairs WHERE entity = $1 GROUP BY other', [entities[0]]);
  const of = await actorOf(totals.map((r) => r.other));
  // other actors of several ids: their claims counted once each
  const several = contactsFromPairTotals(out, id, totals as { other: string; n: number; last: string | null }[], of);
  if (several.length) byClaim(await contactClaims(c, entities, several), of);
  return out;
}
