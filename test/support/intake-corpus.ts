// The labelled intake corpus (test/fixtures/intake/*.jsonl) and how the parser is scored on it:
// shared by the unit spec that holds the targets and by `npm run bench -- intake`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBusinessConfig } from '../../src/config/business-config';
import { IntakeParse, parseIntakeMessage, ParsedAddress } from '../../src/intake/intake.parser';

export interface LabelledAddress {
  /** The street's name without its kind ("Ленина" for «ул. Ленина»). */
  street: string;
  house: string;
  flat: string | null;
  entrance: string | null;
  floor: string | null;
}

export interface IntakeSample {
  text: string;
  isOrder: boolean;
  /** What a person reads from the message; `null` for a message that is not an order. */
  expected: {
    equipmentType: string | null;
    /** A word the problem description must keep. */
    problem: string | null;
    clientName: string | null;
    address: LabelledAddress | null;
    clientPhone: string | null;
    otherPhones: string[];
    /** The arrival phrase as written. */
    arrival: string | null;
  } | null;
}

/** The corpus is scored as of this moment, so that its dates stay in the future. */
export const CORPUS_NOW = new Date('2026-03-10T05:30:00Z');
export const CORPUS_ZONE = 'Europe/Moscow';
const DIR = join(__dirname, '..', 'fixtures', 'intake');

/** The corpus files: `generated`, `handwritten`, and `holdout` (written after the parser, not tuned on). */
export function intakeCorpusFiles(): string[] {
  return readdirSync(DIR)
    .filter((file) => file.endsWith('.jsonl'))
    .sort();
}

export function loadIntakeCorpus(files = intakeCorpusFiles()): IntakeSample[] {
  return files.flatMap((file) =>
    readFileSync(join(DIR, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as IntakeSample),
  );
}

export type ScoredField =
  | 'equipmentType'
  | 'problem'
  | 'clientName'
  | 'address'
  | 'clientPhone'
  | 'otherPhones'
  | 'arrival';

export interface FieldScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface CorpusScore {
  samples: number;
  orders: number;
  nonOrders: number;
  /** Messages that are not orders but were taken as orders. */
  nonOrdersTaken: number;
  /** Orders not recognised as orders. */
  ordersMissed: number;
  fields: Record<ScoredField, FieldScore>;
  misses: { text: string; field: string; expected: unknown; got: unknown }[];
}

export function scoreIntakeCorpus(samples = loadIntakeCorpus()): CorpusScore {
  const { config, problems } = loadBusinessConfig();
  if (!config) throw new Error(problems.join('\n'));
  const options = {
    equipmentAliases: config.intake.equipmentAliases,
    now: CORPUS_NOW,
    zone: CORPUS_ZONE,
  };
  const fields = Object.fromEntries(
    (
      [
        'equipmentType',
        'problem',
        'clientName',
        'address',
        'clientPhone',
        'otherPhones',
        'arrival',
      ] as ScoredField[]
    ).map((f) => [f, { tp: 0, fp: 0, fn: 0, precision: 1, recall: 1 }]),
  ) as Record<ScoredField, FieldScore>;
  const score: CorpusScore = {
    samples: samples.length,
    orders: 0,
    nonOrders: 0,
    nonOrdersTaken: 0,
    ordersMissed: 0,
    fields,
    misses: [],
  };
  for (const sample of samples) {
    const parsed = parseIntakeMessage(sample.text, options);
    if (!sample.isOrder || !sample.expected) {
      score.nonOrders++;
      if (parsed.isOrder) {
        score.nonOrdersTaken++;
        score.misses.push({ text: sample.text, field: 'isOrder', expected: false, got: true });
      }
      continue;
    }
    score.orders++;
    if (!parsed.isOrder) {
      score.ordersMissed++;
      score.misses.push({ text: sample.text, field: 'isOrder', expected: true, got: false });
    }
    const got = valuesOf(parsed);
    const want = sample.expected;
    const compare: Record<ScoredField, [unknown, unknown, boolean]> = {
      equipmentType: [
        want.equipmentType,
        got.equipmentType,
        want.equipmentType === got.equipmentType,
      ],
      problem: [
        want.problem,
        got.problem,
        !!want.problem && !!got.problem && fold(got.problem).includes(fold(want.problem)),
      ],
      clientName: [want.clientName, got.clientName, want.clientName === got.clientName],
      address: [want.address, got.address, sameAddress(want.address, got.address)],
      clientPhone: [want.clientPhone, got.clientPhone, want.clientPhone === got.clientPhone],
      otherPhones: [
        want.otherPhones.length ? want.otherPhones.join(',') : null,
        got.otherPhones.length ? got.otherPhones.join(',') : null,
        want.otherPhones.join(',') === got.otherPhones.join(','),
      ],
      arrival: [
        want.arrival,
        got.arrival,
        !!want.arrival && !!got.arrival && fold(want.arrival) === fold(got.arrival),
      ],
    };
    for (const field of Object.keys(compare) as ScoredField[]) {
      const [expected, actual, equal] = compare[field];
      const s = fields[field];
      const wanted = expected !== null && expected !== undefined;
      const found = actual !== null && actual !== undefined;
      if (wanted && found && equal) s.tp++;
      else {
        if (found) s.fp++;
        if (wanted) s.fn++;
        if (wanted || found) score.misses.push({ text: sample.text, field, expected, got: actual });
      }
    }
  }
  for (const s of Object.values(fields)) {
    s.precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
    s.recall = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
  }
  return score;
}

function valuesOf(parsed: IntakeParse) {
  const f = parsed.fields;
  return {
    equipmentType: f.equipmentType,
    problem: f.problem,
    clientName: f.clientName,
    address: f.address,
    clientPhone: f.clientPhone,
    otherPhones: f.otherPhones,
    arrival: f.arrival?.text ?? null,
  };
}

function fold(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

const STREET_KINDS =
  /(?<![\p{L}])(?:улица|ул|проспект|просп|пр-кт|пр-т|пр|проезд|пр-д|переулок|пер|бульвар|б-р|бул|шоссе|ш|набережная|наб|площадь|пл|микрорайон|мкрн|мкр|тупик|аллея)(?![\p{L}])\.?/gu;

export function streetKey(street: string): string {
  return fold(street).replace(STREET_KINDS, ' ').replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();
}

function sameAddress(want: LabelledAddress | null, got: ParsedAddress | null): boolean {
  if (!want || !got) return false;
  return (
    streetKey(want.street) === streetKey(got.street) &&
    want.house.replace(/\s+/g, '').toLowerCase() === got.house &&
    want.flat === got.flat &&
    want.entrance === got.entrance &&
    want.floor === got.floor
  );
}
