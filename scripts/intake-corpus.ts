// Writes test/fixtures/intake/generated.jsonl: intake messages as operators, partners and the
// website post them, each with the fields a person would read from it. Deterministic (seeded),
// so the corpus only changes when this script does:
//   node -r ts-node/register/transpile-only scripts/intake-corpus.ts
// The hand-written messages are in test/fixtures/intake/handwritten.jsonl.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IntakeSample, LabelledAddress } from '../test/support/intake-corpus';

const SEED = 20261201;
const ORDERS = 300;
const NON_ORDERS = 45;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (p: number) => random() < p;
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Type → how people write it → what breaks (the label is a word the problem must keep). */
const EQUIPMENT: Record<string, { words: string[]; problems: [string, string][] }> = {
  'Стиральные машины': {
    words: [
      'с/м',
      'С/М',
      'стиралка',
      'Стиральная машина',
      'стир. машина',
      'стиральная машинка',
      'стералка',
      'с/м LG',
      'Стир.машина Bosch',
      'стиральная маш. Indesit',
    ],
    problems: [
      ['не сливает', 'не сливает'],
      ['не отжимает', 'не отжимает'],
      ['течет снизу', 'течет'],
      ['стучит при отжиме', 'стучит'],
      ['не греет воду', 'не греет'],
      ['ошибка F05', 'ошибка'],
      ['не включается', 'не включается'],
      ['не открывается дверца', 'дверца'],
    ],
  },
  'Сушильные машины': {
    words: ['сушильная машина', 'Сушилка', 'сушильная маш.', 'сушилка Electrolux'],
    problems: [
      ['не сушит', 'не сушит'],
      ['не крутит барабан', 'барабан'],
      ['сильно шумит', 'шумит'],
    ],
  },
  'ДШ/ВП': {
    words: [
      'духовой шкаф',
      'Духовка',
      'варочная панель',
      'Варочная',
      'ДШ',
      'ВП',
      'индукционная панель',
      'электроплита',
    ],
    problems: [
      ['не греет', 'не греет'],
      ['не включается конфорка', 'конфорка'],
      ['выбивает автомат', 'выбивает'],
      ['не работает вентилятор', 'вентилятор'],
    ],
  },
  'Посудомоечная машина': {
    words: [
      'ПММ',
      'пмм',
      'п/м',
      'посудомойка',
      'Посудомоечная машина',
      'посудомоечная маш.',
      'посудамойка',
      'ПММ Bosch',
    ],
    problems: [
      ['не сливает воду', 'не сливает'],
      ['ошибка E15', 'E15'],
      ['не моет', 'не моет'],
      ['не набирает воду', 'не набирает'],
      ['течет', 'течет'],
    ],
  },
  'Кофе машина': {
    words: ['кофемашина', 'Кофемашина DeLonghi', 'кофе машина', 'кофемашына', 'кофеварка Saeco'],
    problems: [
      ['не наливает кофе', 'не наливает'],
      ['течет вода из-под низа', 'течет'],
      ['не греет', 'не греет'],
      ['ошибка, мигают лампочки', 'мигают'],
    ],
  },
  Сантехника: {
    words: ['сантехника', 'Смеситель', 'унитаз', 'засор', 'сифон под раковиной'],
    problems: [
      ['течет', 'течет'],
      ['капает', 'капает'],
      ['не смывает', 'не смывает'],
      ['нужно заменить', 'заменить'],
    ],
  },
  Электрика: {
    words: ['электрика', 'Розетка', 'проводка', 'выключатель', 'люстра'],
    problems: [
      ['искрит', 'искрит'],
      ['не работает', 'не работает'],
      ['выбивает автомат', 'выбивает'],
      ['нужно установить', 'установить'],
    ],
  },
  Водонагреватели: {
    words: [
      'ВН',
      'бойлер',
      'водонагреватель',
      'Бойлер Ariston',
      'в/н Термекс',
      'водонагреватель 80л',
    ],
    problems: [
      ['не греет', 'не греет'],
      ['течет', 'течет'],
      ['выбивает УЗО', 'УЗО'],
      ['не включается', 'не включается'],
    ],
  },
  Телевизоры: {
    words: ['телевизор', 'ТВ', 'Телевизор Samsung', 'теливизор', 'телик'],
    problems: [
      ['нет изображения', 'изображения'],
      ['не включается', 'не включается'],
      ['полосы на экране', 'полосы'],
      ['нет звука', 'звука'],
    ],
  },
  Холодильники: {
    words: [
      'холодильник',
      'Х-к',
      'х/к',
      'Холодильник Атлант',
      'халадильник',
      'морозилка',
      'холодильник Samsung',
      'Холод-к',
    ],
    problems: [
      ['не морозит', 'не морозит'],
      ['течет вода', 'течет'],
      ['сильно гудит', 'гудит'],
      ['не холодит', 'не холодит'],
      ['намерзает лед', 'лед'],
    ],
  },
};

// «Холод-к» is not an alias people agree on: it is labelled as nothing found.
const UNKNOWN_WORDS = new Set(['Холод-к']);

const STREETS: [string, string][] = [
  ['Ленина', 'ул.'],
  ['Мира', 'пр-т'],
  ['Садовая', 'ул'],
  ['Профсоюзная', 'улица'],
  ['Гагарина', 'ул.'],
  ['Маршала Жукова', 'пр.'],
  ['Советская', 'ул.'],
  ['Лесная', 'ул'],
  ['Чехова', 'пер.'],
  ['Победы', 'б-р'],
  ['Карла Маркса', 'ул.'],
  ['Строителей', 'пр-кт'],
  ['Энтузиастов', 'ш.'],
  ['Молодежная', 'ул.'],
  ['Заречная', 'ул'],
  ['Пушкина', 'ул.'],
  ['Комсомольский', 'пр-т'],
  ['Школьная', 'ул.'],
  ['Речная', 'наб.'],
  ['Космонавтов', 'пр.'],
  ['Вавилова', 'ул.'],
  ['Дмитрия Ульянова', 'ул.'],
  ['Новая', 'ул.'],
  ['Кирова', 'ул'],
  ['Южная', 'ул.'],
];
const STREET_TYPE_LONG: Record<string, string> = {
  'ул.': 'улица',
  ул: 'улица',
  'пр-т': 'проспект',
  'пр.': 'проспект',
  'пер.': 'переулок',
  'б-р': 'бульвар',
  'ш.': 'шоссе',
  'наб.': 'набережная',
  'пр-кт': 'проспект',
  улица: 'улица',
};
const CITIES = ['г. Москва', 'г. Подольск', 'г. Химки', 'г. Мытищи'];
const NAMES = [
  'Ольга',
  'Сергей',
  'Марина',
  'Иван',
  'Татьяна',
  'Андрей',
  'Елена Викторовна',
  'Наталья',
  'Дмитрий',
  'Ирина Петровна',
  'Алексей',
  'Светлана',
  'Николай Иванович',
  'Юлия',
  'Галина',
];
const MOBILE_CODES = [
  '900',
  '903',
  '905',
  '909',
  '915',
  '916',
  '925',
  '926',
  '977',
  '985',
  '999',
  '964',
];
const LANDLINE_CODES = ['495', '499', '812', '4967'];

interface Phone {
  text: string;
  normalized: string;
  mobile: boolean;
}

function mobile(): Phone {
  const code = pick(MOBILE_CODES);
  const a = String(int(100, 999));
  const b = String(int(10, 99));
  const c = String(int(10, 99));
  const formats = [
    `+7 ${code} ${a}-${b}-${c}`,
    `8${code}${a}${b}${c}`,
    `8 (${code}) ${a}-${b}-${c}`,
    `+7(${code})${a}${b}${c}`,
    `8-${code}-${a}-${b}-${c}`,
    `7${code}${a}${b}${c}`,
    `${code} ${a} ${b} ${c}`,
    `+7${code}${a}${b}${c}`,
    `8 ${code} ${a} ${b} ${c}`,
  ];
  return { text: pick(formats), normalized: `+7${code}${a}${b}${c}`, mobile: true };
}

function landline(): Phone {
  const code = pick(LANDLINE_CODES);
  const local = String(int(10 ** (9 - code.length), 10 ** (10 - code.length) - 1));
  const split = `${local.slice(0, local.length - 4)}-${local.slice(-4, -2)}-${local.slice(-2)}`;
  const formats = [`8 (${code}) ${split}`, `+7 ${code} ${split}`, `8${code}${local}`];
  return { text: pick(formats), normalized: `+7${code}${local}`, mobile: false };
}

/** The §2.4 phrasings, each as it may be written in a post, with the phrase to find. */
const TIMES: string[] = [
  'завтра в 15:00',
  'послезавтра 14:30',
  'через 3 дня 15:00',
  'через неделю',
  'через 2 часа',
  'через полтора часа',
  'через 1-1.5 часа',
  'в течение часа',
  'через полчаса',
  '20.10.2026 14:00',
  '25/10/2026 09:30',
  '20.10.26 14:00',
  '16:00',
  'с 10 до 16',
  'с 12',
  'до 16',
  'после 18',
  'завтра с 12',
  'завтра до 16',
  'завтра с 10 до 12',
  'сегодня после 17',
  'завтра',
  'послезавтра',
  'через 2 дня',
  'завтра 10-13',
  'сегодня с 14 до 18',
];

function time(): { text: string; phrase: string } | null {
  if (chance(0.15)) return null;
  const phrase = pick(TIMES);
  const form = int(0, 4);
  if (form === 0) return { text: `Время: ${phrase}`, phrase };
  if (form === 1) return { text: `приезд ${phrase}`, phrase };
  if (form === 2 && !/^\d/.test(phrase))
    return { text: phrase[0].toUpperCase() + phrase.slice(1), phrase };
  return { text: phrase, phrase };
}

function address(): { text: string; label: LabelledAddress } {
  const [street, type] = pick(STREETS);
  const house = pick([
    String(int(1, 150)),
    `${int(1, 99)}а`,
    `${int(1, 60)}к${int(1, 4)}`,
    `${int(1, 40)}/${int(1, 9)}`,
    `${int(1, 99)}Б`,
  ]);
  const flat = chance(0.8) ? String(int(1, 320)) : null;
  const entrance = chance(0.4) ? String(int(1, 12)) : null;
  const floor = chance(0.4) ? String(int(1, 25)) : null;
  const streetText = pick([
    `${type} ${street}`,
    `${STREET_TYPE_LONG[type] ?? type} ${street}`,
    `${street} ${type}`,
    `${type.endsWith('.') ? type : `${type} `}${street}`,
    `${type} ${street.toLowerCase()}`,
  ]);
  const houseText = pick([house, `д. ${house}`, `д.${house}`, `дом ${house}`, `д ${house}`]);
  const parts: string[] = [];
  const dashFlat = flat && !entrance && !floor && /^\d+$/.test(house) && chance(0.2);
  if (dashFlat) parts.push(`${streetText} ${house}-${flat}`);
  else {
    parts.push(`${streetText}${pick([' ', ', '])}${houseText}`);
    const extras: string[] = [];
    if (flat) extras.push(pick([`кв ${flat}`, `кв. ${flat}`, `кв.${flat}`, `квартира ${flat}`]));
    if (entrance)
      extras.push(
        pick([`под ${entrance}`, `под. ${entrance}`, `подъезд ${entrance}`, `${entrance} подъезд`]),
      );
    if (floor) extras.push(pick([`эт ${floor}`, `эт. ${floor}`, `${floor} этаж`, `этаж ${floor}`]));
    parts.push(...(chance(0.2) ? shuffle(extras) : extras));
  }
  let text = parts.join(pick([', ', ' ', ', ']));
  if (chance(0.2)) text = `${pick(CITIES)}, ${text}`;
  return { text, label: { street, house: house.toLowerCase(), flat, entrance, floor } };
}

function order(): IntakeSample {
  const type = pick(Object.keys(EQUIPMENT));
  const spec = EQUIPMENT[type];
  const word = pick(spec.words);
  const [problem, problemKey] = pick(spec.problems);
  const hasAddress = chance(0.93);
  const hasPhone = chance(0.95);
  const addr = hasAddress ? address() : null;
  const phones: Phone[] = [];
  if (hasPhone) {
    const count = chance(0.2) ? 2 : 1;
    for (let i = 0; i < count; i++) phones.push(chance(0.15) ? landline() : mobile());
  }
  const name = chance(0.6) ? pick(NAMES) : null;
  const when = time();

  const main = phones.find((p) => p.mobile) ?? phones[0];
  const layout = int(0, 3);
  const pieces: string[] = [];
  const equipmentLine = `${word} ${problem}`;
  const phoneText = phones.map((p) => p.text).join(pick([', ', ' / ', ' доп. ']));
  const nameText = name && pick([name, `клиент ${name}`, `Имя: ${name}`, name]);
  if (layout === 0) {
    // One line, the order operators type: what, where, phone, when.
    pieces.push(equipmentLine);
    if (addr) pieces.push(addr.text);
    if (phones.length) pieces.push(phoneText);
    if (nameText) pieces.push(nameText);
    if (when) pieces.push(when.text);
    return sample(pieces.join(', '));
  }
  if (layout === 1) {
    // The website's form: labelled lines.
    pieces.push(`Новая заявка`);
    pieces.push(`Техника: ${word}`);
    pieces.push(`Проблема: ${problem}`);
    if (addr) pieces.push(`Адрес: ${addr.text}`);
    if (name) pieces.push(`Имя: ${name}`);
    if (phones.length) pieces.push(`Телефон: ${phoneText}`);
    if (when) pieces.push(/^время/i.test(when.text) ? when.text : `Время: ${when.phrase}`);
    return sample(pieces.join('\n'));
  }
  // Lines or sentences in any order.
  const items = [equipmentLine];
  if (addr) items.push(addr.text);
  if (phones.length) items.push(name && chance(0.5) ? `${phoneText} ${name}` : phoneText);
  if (name && !items.some((i) => i.includes(name))) items.push(nameText ?? name);
  if (when) items.push(when.text);
  const ordered = layout === 2 ? shuffle(items) : items;
  return sample(ordered.join(layout === 2 ? '\n' : '. '));

  function sample(text: string): IntakeSample {
    return {
      text,
      isOrder: true,
      expected: {
        equipmentType: UNKNOWN_WORDS.has(word) ? null : type,
        problem: problemKey,
        clientName: name,
        address: addr?.label ?? null,
        clientPhone: main?.normalized ?? null,
        otherPhones: phones.map((p) => p.normalized).filter((p) => p !== main?.normalized),
        arrival: when?.phrase ?? null,
      },
    };
  }
}

const CHATTER = [
  'Всем доброе утро!',
  'Кто сегодня на выезде?',
  'Спасибо',
  'Ок, принял',
  'Мастер Иван, перезвоните в офис',
  'По заявке #{n} клиент просит перенести на завтра',
  'Заявку #{n} закрыли, оплата наличными',
  'Коллеги, завтра планерка в 9:00',
  'Кто может взять холодильник на Ленина? Пишите в личку',
  'Не забываем сдавать отчеты до 18',
  'Клиент по #{n} не отвечает, звонил 3 раза',
  'Напоминаю: фото чеков обязательно',
  'Сегодня работаем до 20',
  '👍',
  'Перезвоните мне пожалуйста +7 {p}',
  'Мой новый номер 8{p}',
  'Запчасти для с/м пришли, забрать на складе',
  'Отчет за неделю отправил',
  'Кто знает, где купить ТЭН для бойлера?',
  'Сломался телефон, буду на связи по 8{p}',
  'С наступающим!',
  'Завтра с 10 до 12 меня не будет',
  'По #{n} мастер опаздывает на 30 минут',
  'Заявка №{n} отменена клиентом',
  'Всем привет, я новый диспетчер',
  'Не могу дозвониться до клиента по заявке {n}',
  'Где ключи от машины?',
  'Оплату по #{n} перевел на карту',
  'Обед до 14:00',
  'Собрание перенесли на пятницу',
];

function nonOrder(): IntakeSample {
  const text = pick(CHATTER)
    .replace('{n}', String(int(10, 999)))
    .replace('{p}', `${pick(MOBILE_CODES)}${int(1000000, 9999999)}`);
  return { text, isOrder: false, expected: null };
}

const samples: IntakeSample[] = [];
for (let i = 0; i < ORDERS; i++) samples.push(order());
for (let i = 0; i < NON_ORDERS; i++) samples.push(nonOrder());
const out = join(__dirname, '..', 'test', 'fixtures', 'intake', 'generated.jsonl');
writeFileSync(out, `${samples.map((s) => JSON.stringify(s)).join('\n')}\n`);
console.warn(`${samples.length} samples → ${out}`);
