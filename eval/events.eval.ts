/**
 * Diplomatic events on the five seed articles (full pipeline, scored by ../shared/eval/score.py):
 * `events` (type + parties F1) and the attribute accuracies (mode, status, level, when, source).
 * Also reports the time taken by the time and events stages against the whole pipeline.
 * These five texts are for checking, never for fitting.
 */
import { seedScores } from './time.eval.js';

export default async function run(): Promise<void> {
  const { report } = await seedScores();
  console.log(`  events         ${JSON.stringify(report.events)}`);
  console.log(`  event_attr_acc ${JSON.stringify(report.event_attr_acc)}`);
}
