/**
 * Diplomatic events on the five seed articles (full pipeline, scored by ../shared/eval/score.py):
 * `events` (type + parties F1) and the attribute accuracies (mode, status, level, when, source).
 * Also reports the time taken by the time and events stages against the whole pipeline.
 * These five texts are for checking, never for fitting.
 */
import { seedScores } from './time.eval.js';

export default async function run(): Promise<void> {
  const { report, stageMs } = await seedScores();
  console.log(`  events         ${JSON.stringify(report.events)}`);
  console.log(`  event_attr_acc ${JSON.stringify(report.event_attr_acc)}`);
  const mine = (stageMs.get('time') ?? 0) + (stageMs.get('events') ?? 0);
  const rest = [...stageMs].filter(([k]) => k !== 'time' && k !== 'events').reduce((a, [, v]) => a + v, 0);
  if (rest > 0) console.log(`  time+events add ${((100 * mine) / rest).toFixed(1)}% to the other stages (one cold pass over the seeds)`);
}
