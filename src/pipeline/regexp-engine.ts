/**
 * V8 setting for the regular-expression-heavy stages, applied on import (process-wide).
 *
 * By default V8 runs a regular expression's first execution in its bytecode interpreter and
 * compiles it to machine code only when it runs again ("tier-up"). The patterns of the time and
 * quote stages (chrono-node's Russian/Ukrainian parsers, the lexicon alternations) are long
 * case-insensitive Unicode alternations: interpreted, each costs 5-20 ms on its first article and
 * is then compiled a second time anyway. Compiling straight to machine code (`--no-regexp-tier-up`)
 * halves the time stage's first article (a short Russian text through the ru parsers: 125 ms ->
 * 45 ms in `tmp`-style runs; the whole cold `parley analyze` ~0.15 s less) and changes nothing once
 * every pattern has run.
 */
import { setFlagsFromString } from 'node:v8';

// PARLEY_REGEXP_TIER_UP=1 keeps V8's default (to compare)
if (!process.env.PARLEY_REGEXP_TIER_UP) setFlagsFromString('--no-regexp-tier-up');
