import { loadBusinessConfig } from '../config/business-config';
import { IntakeParserOptions, parseIntakeMessage } from './intake.parser';

const { config } = loadBusinessConfig();
const options: IntakeParserOptions = {
  equipmentAliases: config!.intake.equipmentAliases,
  // 08:30 in Moscow.
  now: new Date('2026-03-10T05:30:00Z'),
  zone: 'Europe/Moscow',
};
const parse = (text: string) => parseIntakeMessage(text, options);

describe('parseIntakeMessage', () => {
  it('reads the example of docs/product.md §11', () => {
    const result = parse('с/м не сливает, ул. Ленина 5 кв 3, +7 900 123-45-67, завтра с 10 до 12');
    expect(result.isOrder).toBe(true);
    expect(result.fields).toMatchObject({
      equipmentType: 'Стиральные машины',
      problem: 'с/м не сливает',
      clientPhone: '+79001234567',
      address: { street: 'ул. Ленина', house: '5', flat: '3', text: 'ул. Ленина, д. 5, кв. 3' },
      arrival: { text: 'завтра с 10 до 12', parsed: { kind: 'time' } },
    });
    expect(result.missing).toEqual(['clientName']);
  });

  it('leaves greetings out of the problem and keeps its sentences as written', () => {
    const result = parse(
      'Добрый день! Посудомойка не сливает воду! Шумит. ул. Садовая 12 кв 45, 8 916 555-12-12',
    );
    expect(result.fields.problem).toBe('Посудомойка не сливает воду! Шумит');
  });

  it('keeps the first mobile as the phone and the others for the notes', () => {
    const result = parse('ПММ течет, Мира пр-т 7 кв 3, 8 (495) 321-00-11, 8 916 111 22 33');
    expect(result.fields.clientPhone).toBe('+79161112233');
    expect(result.fields.otherPhones).toEqual(['+74953210011']);
    expect(result.fields.notes).toBe('Доп. телефоны: +74953210011');
  });

  it('takes a landline when there is no mobile', () => {
    expect(parse('х-к не морозит, ул. Мира 3, 8 (495) 111-22-33').fields.clientPhone).toBe(
      '+74951112233',
    );
  });

  it('reads the flat, entrance and floor in any order and form', () => {
    const { address } = parse('Холодильник течет. Лесная ул. д 5, 3 подъезд, эт. 7, кв.12').fields;
    expect(address).toMatchObject({
      street: 'Лесная ул.',
      house: '5',
      flat: '12',
      entrance: '3',
      floor: '7',
    });
  });

  it('reads "12-45" after a street as house and flat', () => {
    expect(parse('вн не греет, Адрес: Садовая 12-45, 89161234567').fields.address).toMatchObject({
      street: 'Садовая',
      house: '12',
      flat: '45',
    });
  });

  it('does not invent an address without a house number', () => {
    const result = parse('стиральная машина не сливает, ул. Ленина, 89161234567');
    expect(result.fields.address).toBeNull();
    expect(result.missing).toContain('clientAddress');
  });

  it('reads a named client, and a name standing alone only when it is a first name', () => {
    expect(parse('с/м течет, ул. Мира 3, 89161234567, клиент Павел').fields.clientName).toBe(
      'Павел',
    );
    expect(parse('с/м течет, ул. Мира 3, 89161234567\nОльга Петровна').fields.clientName).toBe(
      'Ольга Петровна',
    );
    expect(parse('с/м течет, ул. Мира 3, 89161234567\nСрочно').fields.clientName).toBeNull();
  });

  it.each([
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
  ])('finds the arrival time "%s" with the dialog\'s parser', (phrase) => {
    const result = parse(`с/м не сливает, ул. Ленина 5 кв 3, 89001234567, ${phrase}`);
    expect(result.fields.arrival?.text).toBe(phrase);
    expect(result.fields.arrival?.parsed.kind).toBe('time');
  });

  it('reads a bare window "10-16" only where it is said to be the time', () => {
    const text = 'с/м не сливает, ул. Ленина 5 кв 3, 89001234567';
    expect(parse(`${text}, Время: 10-16`).fields.arrival?.text).toBe('10-16');
    expect(parse(`${text}, 10-16`).fields.arrival).toBeNull();
  });

  it.each([
    ['с/м', 'Стиральные машины'],
    ['стир. машина', 'Стиральные машины'],
    ['п/м', 'Посудомоечная машина'],
    ['ПММ', 'Посудомоечная машина'],
    ['х-к', 'Холодильники'],
    ['халадильник', 'Холодильники'],
    ['ВН', 'Водонагреватели'],
    ['бойлер', 'Водонагреватели'],
    ['кофемашина', 'Кофе машина'],
  ])('reads «%s» as %s', (word, type) => {
    expect(parse(`${word} сломался, ул. Мира 3, 89161234567`).fields.equipmentType).toBe(type);
  });

  it.each([
    'Всем привет, кто завтра на выезде?',
    'Иван, позвони клиенту по заявке #45 +79161234567',
    'Заявка №12 отменена, ул. Мира 3 кв 5',
    'Мой новый номер 89161234567',
  ])('does not take "%s" for an order', (text) => {
    expect(parse(text).isOrder).toBe(false);
  });
});
