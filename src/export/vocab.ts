/**
 * The closed vocabularies of the article contract (../shared/spec/ARTICLE.md), shared by the CLI's
 * option checks and the API's schemas so both refuse the same bad values.
 */
export const LANGS = ['ru', 'uk', 'en'] as const;
export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'EVT', 'PRO'] as const;
/** PLOVER event types (the PLOVER ontology's categories). */
export const PLOVER_TYPES = [
  'AGREE',
  'CONSULT',
  'SUPPORT',
  'CONCEDE',
  'COOPERATE',
  'AID',
  'RETREAT',
  'REQUEST',
  'ACCUSE',
  'REJECT',
  'THREATEN',
  'PROTEST',
  'SANCTION',
  'MOBILIZE',
  'COERCE',
  'ASSAULT',
  'DISAPPROVE',
  'INVESTIGATE',
  'FIGHT',
  'DEMAND',
] as const;
export const EVENT_MODES = ['call', 'meeting', 'visit', 'summit', 'talks', 'channel', 'other'] as const;
export const EVENT_STATUSES = ['occurred', 'ongoing', 'planned', 'possible', 'cancelled', 'none'] as const;
export const QUOTE_KINDS = ['direct', 'indirect', 'mixed'] as const;
