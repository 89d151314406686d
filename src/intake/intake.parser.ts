// Longer than our usual ~300 lines on purpose: one reader of a free-text message. Each field's
// section (phones, address, arrival, name, equipment) blanks what it took before the next one
// reads, so the order of the sections is the algorithm; one file keeps that order readable.
import { normalizeInput } from '../common/normalize-input';
import { ArrivalTime, parseArrivalTime } from '../orders/arrival-time.parser';
import { ORDER_FIELD_LIMITS } from '../orders/order-fields';
import { normalizePhone } from '../common/phone';
import { intakeNotes } from './intake-notes';

/** The parts of an address the master needs to find the door. */
export interface ParsedAddress {
  city: string | null;
  street: string;
  house: string;
  flat: string | null;
  entrance: string | null;
  floor: string | null;
  /** One line, as the order stores it. */
  text: string;
}

export type IntakeField =
  'equipmentType' | 'problem' | 'clientName' | 'clientAddress' | 'clientPhone' | 'arrival';

/** The fields an order cannot be created without (docs/product.md §2.1). */
export const REQUIRED_INTAKE_FIELDS: readonly IntakeField[] = [
  'equipmentType',
  'problem',
  'clientName',
  'clientAddress',
  'clientPhone',
];

export interface IntakeDraftFields {
  equipmentType: string | null;
  problem: string | null;
  clientName: string | null;
  address: ParsedAddress | null;
  /** The first mobile, else the first landline, normalized `+7XXXXXXXXXX`. */
  clientPhone: string | null;
  /** Every other phone of the message, normalized, in the order written. */
  otherPhones: string[];
  /** The arrival phrase as written, and what the arrival parser made of it. */
  arrival: { text: string; parsed: ArrivalTime } | null;
  notes: string | null;
}

export interface IntakeParse {
  /** False for chatter, questions and messages about existing orders: no draft is made. */
  isOrder: boolean;
  fields: IntakeDraftFields;
  found: IntakeField[];
  missing: IntakeField[];
}

export interface IntakeParserOptions {
  /** Configured equipment type → lowercase aliases; `*` at the end matches a word's start. */
  equipmentAliases: Readonly<Record<string, readonly string[]>>;
  now: Date;
  zone: string;
}

// Spans of the message already read as one field are blanked with this, so that no other
// field reads them again and what is left over is the problem description.
const GAP = ' ¦ ';

/**
 * Reads a free-text order from an intake group (docs/product.md §11) into draft fields. Pure: no
 * Telegram, no database. It never invents a field: what it cannot read is reported missing
 * and asked of the dispatcher.
 */
export function parseIntakeMessage(input: string, options: IntakeParserOptions): IntakeParse {
  let text = ` ${normalizeInput(input).replace(/\u00a0/g, ' ')} `;
  const phones = takePhones(text);
  text = phones.rest;
  const address = takeAddress(text);
  text = address.rest;
  const arrival = takeArrival(text, options);
  text = arrival.rest;
  const name = takeName(text);
  text = name.rest;
  const equipmentType = equipmentTypeOf(input, options.equipmentAliases);
  const problem = leftoverProblem(text);

  const mobile = phones.found.find((phone) => phone.startsWith('+79'));
  const clientPhone = mobile ?? phones.found[0] ?? null;
  const otherPhones = phones.found.filter((phone) => phone !== clientPhone);
  const fields: IntakeDraftFields = {
    equipmentType,
    problem,
    clientName: name.found,
    address: address.found,
    clientPhone,
    otherPhones,
    arrival: arrival.found,
    notes: otherPhones.length ? intakeNotes.otherPhones(otherPhones) : null,
  };
  const present: Record<IntakeField, boolean> = {
    equipmentType: equipmentType !== null,
    problem: problem !== null,
    clientName: name.found !== null,
    clientAddress: address.found !== null,
    clientPhone: clientPhone !== null,
    arrival: arrival.found !== null,
  };
  const all = Object.keys(present) as IntakeField[];
  return {
    isOrder: looksLikeOrder(input, present),
    fields,
    found: all.filter((field) => present[field]),
    missing: REQUIRED_INTAKE_FIELDS.filter((field) => !present[field]),
  };
}

// A message that points at an existing order ("по заявке #45") is talk about it, not a new one.
const ABOUT_EXISTING_ORDER = /#\s?\d+|заявк[аеиуой]\s*№\s*\d+|по\s+заявке\s+\d+/iu;

function looksLikeOrder(input: string, present: Record<IntakeField, boolean>): boolean {
  if (ABOUT_EXISTING_ORDER.test(input)) return false;
  const reachable = present.clientPhone || present.clientAddress;
  return (present.clientPhone && present.clientAddress) || (reachable && present.equipmentType);
}

// ---------------------------------------------------------------------------------------
// Phones

// Digits with the separators people type between them; split into groups below.
// Not across lines: "эт. 9⏎8 (495)…" is a floor and a phone.
const PHONE_RUN = /\+?\d[\d \t\u00a0\u2009().\-–]*\d/gu;

function takePhones(text: string): { found: string[]; rest: string } {
  const found: string[] = [];
  const rest = text.replace(PHONE_RUN, (run) => {
    const taken = phonesInRun(run);
    if (!taken.phones.length) return run;
    for (const phone of taken.phones) if (!found.includes(phone)) found.push(phone);
    return taken.rest;
  });
  return { found, rest };
}

// "д 5 89161234567" is one run of digits and spaces: phones are read from windows of whole
// digit groups that hold 10 or 11 digits and normalize, left to right.
function phonesInRun(run: string): { phones: string[]; rest: string } {
  const groups = [...run.matchAll(/\+?\d+/g)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
  const phones: string[] = [];
  const kept: string[] = [];
  let cursor = 0;
  let i = 0;
  while (i < groups.length) {
    let taken = false;
    for (let j = i; j < groups.length; j++) {
      const piece = run.slice(groups[i].start, groups[j].end);
      const digits = piece.replace(/\D/g, '').length;
      if (digits > 11) break;
      if (digits < 10) continue;
      // "(495)" keeps its opening bracket just before the window.
      const withBracket = groups[i].start > 0 && run[groups[i].start - 1] === '(';
      const phone = normalizePhone(withBracket ? `(${piece}` : piece);
      const next = groups[j + 1];
      // A longer window that is also a phone wins ("8 916 …" rather than "916 …").
      if (phone && !(next && digits === 10 && normalizesLonger(run, groups[i].start, next.end))) {
        phones.push(phone);
        kept.push(run.slice(cursor, withBracket ? groups[i].start - 1 : groups[i].start), GAP);
        cursor = groups[j].end;
        i = j + 1;
        taken = true;
        break;
      }
    }
    if (!taken) i++;
  }
  kept.push(run.slice(cursor));
  return { phones, rest: kept.join('') };
}

function normalizesLonger(run: string, start: number, end: number): boolean {
  const piece = run.slice(start, end);
  return piece.replace(/\D/g, '').length === 11 && normalizePhone(piece) !== null;
}

// ---------------------------------------------------------------------------------------
// Address

const L = String.raw`\p{L}`;
const NOT_AFTER_LETTER = String.raw`(?<![\p{L}\d])`;
const STREET_TYPE = String.raw`(?:улица|ул\.?|проспект|просп\.?|пр-кт|пр-т|пр\.|проезд|пр-д|переулок|пер\.?|бульвар|б-р|бул\.?|шоссе|ш\.|набережная|наб\.?|площадь|пл\.|микрорайон|мкрн?\.?|тупик|аллея)(?:(?<=\.)|(?![\p{L}]))`;
const HOUSE_MARK = String.raw`(?:д\.|д(?=\s*\d)|дом)`;
// "5", "5а", "5 Б", "12к2", "12 корп. 2", "5/2", "7 стр 1".
const HOUSE = String.raw`(\d{1,4}(?:\s?[а-гА-Г](?![\p{L}]))?(?:\s*(?:\/|к\.?|корп\.?|корпус|стр\.?|строение)\s*\d{1,3})?)`;
// A house mark ("д.", "дом") ends the street name; a number starts it only as in "8 Марта".
const NOT_A_NAME = String.raw`(?!(?:д|дом|кв|под|эт|корп|стр)(?![\p{L}]))`;
const NAME_WORD = String.raw`${NOT_A_NAME}(?:\d{1,2}-?(?:я|й|го|ой)?[ \t]+)?${NOT_A_NAME}[${L}][${L}.\-]*`;
const FLAT = new RegExp(
  String.raw`^[\s,.;]*(?:кв(?:артира)?\.?|кв-ра)\s*№?\s*(\d{1,4}[а-г]?)`,
  'iu',
);
const ENTRANCE = new RegExp(
  String.raw`^[\s,.;]*(?:(?:под(?:ъезд)?\.?|п\.)\s*(\d{1,2})|(\d{1,2})\s*(?:-?й\s*)?под(?:ъезд)?\.?(?![\p{L}]))`,
  'iu',
);
const FLOOR = new RegExp(
  String.raw`^[\s,.;]*(?:эт(?:аж)?\.?\s*(\d{1,2})|(\d{1,2})\s*(?:-?й\s*)?эт(?:аж)?\.?(?![\p{L}]))`,
  'iu',
);
const CITY_BEFORE = new RegExp(
  String.raw`(?:^|[\s,;])((?:г\.|город)\s*[\p{Lu}][${L}\-]+)[\s,]*$`,
  'u',
);
const DASH_FLAT = /^-(\d{1,4})(?!\d)/u;

/** Street forms, most explicit first: a typed street kind, then "адрес:", then a bare name. */
const STREET_PATTERNS: RegExp[] = [
  // "ул. Ленина 5", "пр-т Мира, д. 12к2", "ул ленина д5"
  new RegExp(
    String.raw`${NOT_AFTER_LETTER}(${STREET_TYPE}\s*(?:${NAME_WORD}[ \t]*?){1,3}?)[ \t,]*(?:${HOUSE_MARK}\s*)?${HOUSE}(?![\d:.]\d)`,
    'iu',
  ),
  // "Ленина ул. 5", "Мира пр-т 12"
  new RegExp(
    String.raw`${NOT_AFTER_LETTER}((?:\d{1,2}-?(?:я|й|го|ой)[ \t]+)?(?:[\p{Lu}][${L}\-]+[ \t]+){1,2}${STREET_TYPE})[ \t,]*(?:${HOUSE_MARK}\s*)?${HOUSE}(?![\d:.]\d)`,
    'u',
  ),
  // "Адрес: Садовая 12-45"
  new RegExp(
    String.raw`адрес\s*:?\s*(?:(?:г\.|город)?\s*[\p{Lu}][${L}\-]+,\s*)?((?:${NAME_WORD}[ \t]*?){1,3}?)[ \t,]*(?:${HOUSE_MARK}\s*)?${HOUSE}(?![\d:.]\d)`,
    'iu',
  ),
  // "Ленина д 5", "Садовая 12 кв 45", "Садовая 12-45": a bare name needs a house mark or a flat.
  new RegExp(
    String.raw`${NOT_AFTER_LETTER}((?:[\p{Lu}][\p{Ll}\-]{2,}[ \t]+){0,1}[\p{Lu}][\p{Ll}\-]{2,})[ \t,]*(?:${HOUSE_MARK}\s*${HOUSE}|${HOUSE}(?=[\s,]*(?:кв|-\d)))`,
    'u',
  ),
];

function takeAddress(text: string): { found: ParsedAddress | null; rest: string } {
  for (const pattern of STREET_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const street = tidyStreet(match[1]);
    const house = (match[2] ?? match[3]).replace(/\s+/g, '').toLowerCase();
    if (!street || STOP_STREETS.has(street.toLowerCase())) continue;
    let end = match.index + match[0].length;
    let flat: string | null = null;
    let entrance: string | null = null;
    let floor: string | null = null;
    const dash = DASH_FLAT.exec(text.slice(end));
    if (dash) {
      flat = dash[1];
      end += dash[0].length;
    }
    for (;;) {
      const tail = text.slice(end);
      const f: RegExpExecArray | null = flat === null ? FLAT.exec(tail) : null;
      if (f) {
        flat = f[1];
        end += f[0].length;
        continue;
      }
      const e: RegExpExecArray | null = entrance === null ? ENTRANCE.exec(tail) : null;
      if (e) {
        entrance = e[1] ?? e[2];
        end += e[0].length;
        continue;
      }
      const fl: RegExpExecArray | null = floor === null ? FLOOR.exec(tail) : null;
      if (fl) {
        floor = fl[1] ?? fl[2];
        end += fl[0].length;
        continue;
      }
      break;
    }
    let start = match.index;
    const city = CITY_BEFORE.exec(text.slice(0, start));
    if (city) start = text.lastIndexOf(city[1], start);
    const address: ParsedAddress = {
      city: city ? city[1].trim() : null,
      street,
      house,
      flat,
      entrance,
      floor,
      text: '',
    };
    address.text = addressLine(address);
    return { found: address, rest: text.slice(0, start) + GAP + text.slice(end) };
  }
  return { found: null, rest: text };
}

// Words that look like a street name before a number but are not one.
const STOP_STREETS = new Set([
  'через',
  'до',
  'после',
  'завтра',
  'сегодня',
  'время',
  'тел',
  'адрес',
]);

function tidyStreet(raw: string): string {
  return raw
    .replace(/^адрес\s*:?\s*/iu, '')
    .replace(/[\s,]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function addressLine(a: ParsedAddress): string {
  const parts = [a.city, a.street, `д. ${a.house}`];
  if (a.flat) parts.push(`кв. ${a.flat}`);
  if (a.entrance) parts.push(`под. ${a.entrance}`);
  if (a.floor) parts.push(`эт. ${a.floor}`);
  const line = parts.filter(Boolean).join(', ');
  return line.slice(0, ORDER_FIELD_LIMITS.clientAddress.max);
}

// ---------------------------------------------------------------------------------------
// Arrival time (docs/product.md §2.4), read by the dialog's own parser

const CLOCK = String.raw`\d{1,2}(?:[:.]\d{2})?`;
const HM = String.raw`\d{1,2}[:.]\d{2}`;
const END = String.raw`(?![\p{L}\d])`;
const DAY_CLOCK = String.raw`(?:\s+(?:(?:с\s*${CLOCK}\s*(?:-|до)\s*${CLOCK})|(?:${CLOCK}\s*-\s*${CLOCK})|(?:(?:с|до|после|в|к|на)\s*${CLOCK})|${HM}))?`;
const ARRIVAL_PATTERNS: RegExp[] = [
  new RegExp(
    String.raw`${NOT_AFTER_LETTER}(?:на\s+)?(?:сегодня|послезавтра|завтра)${DAY_CLOCK}${END}`,
    'iu',
  ),
  new RegExp(
    String.raw`${NOT_AFTER_LETTER}через\s+(?:\d+\s*)?(?:день|дня|дней|сутки|суток|неделю|недели|недель)(?:\s+(?:в\s+)?${HM})?${END}`,
    'iu',
  ),
  new RegExp(
    String.raw`${NOT_AFTER_LETTER}(?:через|в\s+течение)\s+(?:полчаса|получаса|полтора\s+часа|полутора\s+часов|(?:\d+(?:[.,]\d+)?(?:\s*-\s*\d+(?:[.,]\d+)?)?\s*)?(?:минут[уы]?|мин|часа|часов|час|ч))${END}`,
    'iu',
  ),
  new RegExp(
    String.raw`(?<![\d.])(?:на\s+)?\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})(?:\s+(?:в\s+)?${HM})?${END}`,
    'iu',
  ),
  new RegExp(String.raw`${NOT_AFTER_LETTER}с\s*${CLOCK}\s*(?:-|до)\s*${CLOCK}${END}`, 'iu'),
  new RegExp(
    String.raw`${NOT_AFTER_LETTER}(?:с|после|до)\s*${CLOCK}${END}(?!\s*(?:кв|под|эт))`,
    'iu',
  ),
  new RegExp(String.raw`(?<![\d.:\-])${HM}\s*-\s*${HM}${END}`, 'iu'),
  new RegExp(String.raw`(?<![\d.:\-])(?:(?:в|к)\s+)?${HM}${END}`, 'iu'),
  // A bare window "10-16" only where the message says it is a time.
  new RegExp(
    String.raw`(?<=(?:время|приезд|приехать|визит)\s*:?\s*)\d{1,2}\s*-\s*\d{1,2}${END}`,
    'iu',
  ),
];

function takeArrival(
  text: string,
  options: IntakeParserOptions,
): { found: IntakeDraftFields['arrival']; rest: string } {
  const candidates = ARRIVAL_PATTERNS.flatMap((pattern) => {
    const match = pattern.exec(text);
    return match ? [{ index: match.index, phrase: match[0] }] : [];
  });
  candidates.sort((a, b) => a.index - b.index || b.phrase.length - a.phrase.length);
  for (const { index, phrase } of candidates) {
    const typed = phrase.replace(/\s+/g, ' ').trim();
    const parsed = parseArrivalTime(typed, options.now, options.zone);
    if (parsed.kind === 'instruction') continue;
    if (parsed.kind === 'invalid' && parsed.reason !== 'past' && parsed.reason !== 'too_far') {
      continue;
    }
    return {
      found: { text: typed, parsed },
      rest: text.slice(0, index) + GAP + text.slice(index + phrase.length),
    };
  }
  return { found: null, rest: text };
}

// ---------------------------------------------------------------------------------------
// Client name

const NAME = String.raw`[\p{Lu}][\p{Ll}]+(?:[ \t]+[\p{Lu}][\p{Ll}]+){0,2}`;
const LABELLED_NAME = new RegExp(
  String.raw`${NOT_AFTER_LETTER}(?:клиент(?:ка)?|имя|зовут|контакт(?:ное\s+лицо)?|фио|спросить|обращаться\s+к)(?![\p{L}])\s*[:\-–—]?\s*(${NAME})`,
  'iu',
);
const PATRONYMIC = /(?:овна|евна|ична|инична|ович|евич|ич)$/u;
// The commonest Russian first names: a capitalised word standing alone is taken as the
// client's name only when it is one of these or comes with a patronymic.
const FIRST_NAMES = new Set(
  (
    'александр александра алексей алла анастасия анатолий андрей анна антон артем артур борис ' +
    'вадим валентина валентин валерий валерия василий вера виктор виктория виталий владимир ' +
    'владислав галина геннадий георгий григорий дарья денис дмитрий евгений евгения екатерина ' +
    'елена елизавета жанна зинаида зоя иван игорь илья инна ирина кирилл константин ксения ' +
    'лариса лидия любовь людмила максим маргарита марина мария михаил надежда наталья наталия ' +
    'нина николай оксана олег ольга павел петр полина раиса роман руслан светлана семен сергей ' +
    'софья станислав степан таисия тамара татьяна тимур федор эдуард элина юлия юрий яна ярослав ' +
    'азат ринат рустам гульнара фарид диляра камила эльвира айгуль'
  ).split(' '),
);
const NON_NAMES = new Set(['бабушка', 'дедушка', 'хозяин', 'хозяйка', 'соседка', 'сосед']);

function takeName(text: string): { found: string | null; rest: string } {
  const labelled = LABELLED_NAME.exec(text);
  if (labelled && !NON_NAMES.has(labelled[1].toLowerCase())) {
    const name = labelled[1];
    return { found: name, rest: text.replace(labelled[0], GAP) };
  }
  const segments = text.split(/(?<=[\n,;¦])|(?=[\n,;¦])|(?<=\.\s)/u);
  for (let i = 0; i < segments.length; i++) {
    const words = segments[i]
      .replace(/^[\s.:\-–—()]+|[\s.:\-–—()]+$/gu, '')
      .split(/\s+/u)
      .filter(Boolean);
    if (!words.length || words.length > 3) continue;
    if (!words.every((w) => /^[\p{Lu}][\p{Ll}]+$/u.test(w))) continue;
    const first = words[0].toLowerCase().replace(/ё/g, 'е');
    if (FIRST_NAMES.has(first) || (words.length > 1 && words.some((w) => PATRONYMIC.test(w)))) {
      const name = words.join(' ');
      segments[i] = GAP;
      return { found: name, rest: segments.join('') };
    }
  }
  return { found: null, rest: text };
}

// ---------------------------------------------------------------------------------------
// Equipment and problem

/** The configured type a text names by the type itself or one of its aliases, if any. */
export function equipmentTypeOf(
  input: string,
  aliases: Readonly<Record<string, readonly string[]>>,
): string | null {
  const text = input.toLowerCase().replace(/ё/g, 'е');
  let best: { type: string; index: number; length: number } | null = null;
  for (const [type, list] of Object.entries(aliases)) {
    for (const alias of [type.toLowerCase(), ...list]) {
      const match = aliasPattern(alias).exec(text);
      if (!match) continue;
      const better =
        !best ||
        match.index < best.index ||
        (match.index === best.index && match[0].length > best.length);
      if (better) best = { type, index: match.index, length: match[0].length };
    }
  }
  return best?.type ?? null;
}

const patternCache = new Map<string, RegExp>();

function aliasPattern(alias: string): RegExp {
  let pattern = patternCache.get(alias);
  if (!pattern) {
    const prefix = alias.endsWith('*');
    const body = (prefix ? alias.slice(0, -1) : alias)
      .toLowerCase()
      .replace(/ё/g, 'е')
      .replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
      .replace(/\s+/g, '\\s*');
    pattern = new RegExp(`(?<![\\p{L}\\d])${body}${prefix ? '' : '(?![\\p{L}\\d])'}`, 'u');
    patternCache.set(alias, pattern);
  }
  return pattern;
}

// Labels people put before fields; once the field is read they carry nothing.
const LABELS =
  /(?<![\p{L}])(?:новая\s+заявка|заявка|тел(?:ефон)?\.?|моб\.?|адрес|время(?:\s+приезда)?|имя|клиент(?:ка)?|контакт|город|доп\.?|техника|проблема|неисправность|описание)\s*[:\-–—]?/giu;

// A client's "Добрый день!" or "Спасибо" says nothing about what is broken.
const POLITENESS =
  /^(?:здравствуйте|добрый\s+(?:день|вечер)|доброе\s+утро|привет|спасибо|пожалуйста)[\s!.,]*$/iu;

function leftoverProblem(text: string): string | null {
  const pieces = text
    .replace(LABELS, GAP)
    .split(/[¦\n;]|(?<=[.!?])\s+/u)
    .map((piece) => piece.replace(/^[\s,.:;\-–—()+]+|[\s,:;\-–—(+]+$/gu, '').trim())
    .filter((piece) => (piece.match(/\p{L}/gu) ?? []).length >= 3 && !POLITENESS.test(piece));
  if (!pieces.length) return null;
  const problem = pieces
    .join('. ')
    .replace(/\s+/g, ' ')
    .replace(/([.!?])\./g, '$1')
    .replace(/\.$/u, '');
  if ([...problem].length < ORDER_FIELD_LIMITS.problem.min) return null;
  return [...problem].slice(0, ORDER_FIELD_LIMITS.problem.max).join('');
}
