/**
 * Word lists of the English recogniser (`data/lexicon.json`, lower case; see `data/SOURCE.md`),
 * loaded once into sets.
 */
import { readFileSync } from 'node:fs';
import { readJsonResource, resourcePath } from '../../../pipeline/resources.js';

export const LEXICON_PATH = 'src/entities/ner/en/data/lexicon.json';
/** built by scripts/build-en-names.ts */
export const FIRST_NAMES_PATH = 'src/entities/ner/en/data/first-names.txt';

interface LexiconFile {
  titleHeads: string[];
  titleModifiers: string[];
  ofTitles: string[];
  orgHeads: string[];
  orgOfHeads: string[];
  locHeads: string[];
  locOfHeads: string[];
  evtHeads: string[];
  evtOfHeads: string[];
  proHeads: string[];
  weekdays: string[];
  months: string[];
  timeWords: string[];
  demonyms: string[];
  demonymPlurals: string[];
  partyMembers: string[];
  notNames: string[];
  personHonorifics: string[];
  addressTitles: string[];
  nameParticles: string[];
  arabicPrefixes: string[];
  locPreps: string[];
  speechVerbs: string[];
  properHeads: string[];
  hyphenSuffixes: string[];
  placeAbbreviations: string[];
  places: string[];
  nameStarters: string[];
  usStateAbbreviations: string[];
  hyphenPrefixes: string[];
}

export class EnLexicon {
  readonly titleHeads: Set<string>;
  readonly titleModifiers: Set<string>;
  /** multiword titles with `of` (`secretary of state`), as token arrays, longest first */
  readonly ofTitles: string[][];
  readonly orgHeads: Set<string>;
  readonly orgOfHeads: Set<string>;
  readonly locHeads: Set<string>;
  readonly locOfHeads: Set<string>;
  readonly evtHeads: Set<string>;
  readonly evtOfHeads: Set<string>;
  readonly proHeads: Set<string>;
  /** weekdays, months, holidays and clock words: never part of a name */
  readonly time: Set<string>;
  readonly months: Set<string>;
  readonly demonyms: Set<string>;
  readonly partyMembers: Set<string>;
  readonly notNames: Set<string>;
  readonly honorifics: Set<string>;
  /** titles used as a form of address after an honorific (`Mr. President`, `Madam Speaker`): no surname */
  readonly addressTitles: Set<string>;
  readonly particles: Set<string>;
  readonly arabicPrefixes: string[];
  readonly locPreps: Set<string>;
  readonly speechVerbs: Set<string>;
  /** head words that are names on their own (`Kremlin`, `Pentagon`, `Congress`) */
  readonly properHeads: Set<string>;
  /** lower-case second parts that split a hyphenated word (`Kyiv-based`, `Russian-backed`) */
  readonly hyphenSuffixes: Set<string>;
  /** `U.S.`, `UK`, `UAE`: places written as abbreviations */
  readonly placeAbbreviations: Set<string>;
  /** places of English news the knowledge base may lack (US states, regions), lower case */
  readonly places: Set<string>;
  /** common words that begin place and organisation names (`New`, `North`, `San`) */
  readonly nameStarters: Set<string>;
  /** US state abbreviations of datelines and party labels (`Va.`, `R-Tex.`), lower case */
  readonly usStates: Set<string>;
  /** lower-case prefixes split off a hyphenated name (`pro-Russian`, `post-World War II`) */
  readonly hyphenPrefixes: Set<string>;
  /** every head word (a name made of only such words is generic: `Ministry`, `Region`) */
  readonly anyHead: Set<string>;

  /** English given names, lower case (`tim`, `susan`) */
  readonly firstNames: Set<string>;

  constructor(f: LexiconFile, firstNames: string[] = []) {
    this.firstNames = new Set(firstNames);
    const s = (a: string[]) => new Set(a.map((x) => x.toLowerCase()));
    this.titleHeads = s(f.titleHeads);
    this.titleModifiers = s(f.titleModifiers);
    this.ofTitles = f.ofTitles.map((t) => t.toLowerCase().split(/\s+/)).sort((a, b) => b.length - a.length);
    this.orgHeads = s(f.orgHeads);
    this.orgOfHeads = s(f.orgOfHeads);
    this.locHeads = s(f.locHeads);
    this.locOfHeads = s(f.locOfHeads);
    this.evtHeads = s(f.evtHeads);
    this.evtOfHeads = s(f.evtOfHeads);
    this.proHeads = s(f.proHeads);
    this.months = s(f.months);
    this.time = s([...f.weekdays, ...f.months, ...f.timeWords]);
    this.demonyms = s([...f.demonyms, ...f.demonymPlurals]);
    this.partyMembers = s(f.partyMembers);
    this.notNames = s(f.notNames);
    this.honorifics = s(f.personHonorifics);
    this.addressTitles = s(f.addressTitles);
    this.particles = s(f.nameParticles);
    this.arabicPrefixes = f.arabicPrefixes.map((x) => x.toLowerCase());
    this.locPreps = s(f.locPreps);
    this.speechVerbs = s(f.speechVerbs);
    this.properHeads = s(f.properHeads);
    this.hyphenSuffixes = s(f.hyphenSuffixes);
    this.placeAbbreviations = s(f.placeAbbreviations);
    this.places = s(f.places);
    this.nameStarters = s(f.nameStarters);
    this.usStates = s(f.usStateAbbreviations);
    this.hyphenPrefixes = s(f.hyphenPrefixes);
    this.anyHead = new Set([...this.orgHeads, ...this.locHeads, ...this.evtHeads, ...this.proHeads]);
    for (const p of this.properHeads) this.anyHead.delete(p);
  }

  static load(): EnLexicon {
    const names = readFileSync(resourcePath(FIRST_NAMES_PATH), 'utf8').split('\n').filter(Boolean);
    return new EnLexicon(readJsonResource<LexiconFile>(LEXICON_PATH), names);
  }
}
