// How well the intake parser reads the labelled corpus (test/fixtures/intake/): per-field
// precision and recall, and whether anything that is not an order was taken for one.
// The targets are held by src/intake/intake-corpus.spec.ts; this prints the figures.
import {
  intakeCorpusFiles,
  loadIntakeCorpus,
  scoreIntakeCorpus,
} from '../test/support/intake-corpus';
import type { BenchResult } from './run';

const TARGETS: Record<string, number> = {
  clientPhone: 0.95,
  address: 0.95,
  equipmentType: 0.9,
  arrival: 0.9,
};

export default function intakeParser(): Promise<BenchResult> {
  const score = scoreIntakeCorpus();
  const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `corpus: ${score.samples} messages (${score.orders} orders, ${score.nonOrders} not orders)`,
    `not orders taken for orders: ${score.nonOrdersTaken} (goal 0); orders not recognised: ${score.ordersMissed}`,
    '| field | precision | recall | goal |',
    '|---|---|---|---|',
    ...Object.entries(score.fields).map(
      ([field, s]) =>
        `| ${field} | ${percent(s.precision)} | ${percent(s.recall)} | ${TARGETS[field] ? `≥ ${percent(TARGETS[field])}` : '—'} |`,
    ),
  ];
  lines.push('per file (precision/recall): phone · address · equipment · time · name');
  for (const file of intakeCorpusFiles()) {
    const part = scoreIntakeCorpus(loadIntakeCorpus([file]));
    const pr = (field: keyof typeof part.fields) =>
      `${percent(part.fields[field].precision)}/${percent(part.fields[field].recall)}`;
    lines.push(
      `  ${file} (${part.orders} orders, ${part.nonOrders} not; ${part.nonOrdersTaken} taken): ` +
        ['clientPhone', 'address', 'equipmentType', 'arrival', 'clientName']
          .map((f) => pr(f as keyof typeof part.fields))
          .join(' · '),
    );
  }
  if (process.env.BENCH_VERBOSE) {
    for (const miss of score.misses) lines.push(JSON.stringify(miss));
  }
  return Promise.resolve({ name: 'Intake parser on the labelled corpus', lines });
}
