import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Workbook, Worksheet } from 'exceljs';
import { rm } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { AppConfigModule } from '../../src/config/app-config.module';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { formatRubles } from '../../src/orders/money';
import { OrderStatusHistory } from '../../src/orders/order-status-history.entity';
import type { OrderStatus } from '../../src/orders/order-status';
import { Order } from '../../src/orders/order.entity';
import type { ReportResult } from '../../src/reports/report-file';
import type { ReportPeriod } from '../../src/reports/report-period';
import { ReportsModule } from '../../src/reports/reports.module';
import { ReportsService } from '../../src/reports/reports.service';
import { ClockModule } from '../../src/common/clock';
import { Master } from '../../src/users/master.entity';
import { User } from '../../src/users/user.entity';
import { createTestDatabase, dialectUnderTest, TestDatabase } from '../support/test-database';
import { reportNoteText } from '../../src/texts/ru/report-summary';

/** A Moscow wall-clock time as the instant stored in the database (Moscow is UTC+3 all year). */
const moscow = (local: string) => new Date(`${local}+03:00`);

interface SeededOrder {
  key: string;
  master: 'ivan' | 'petr' | null;
  status: OrderStatus;
  equipmentType: string;
  money?: [total: number, materials: number, masterShare: number, companyShare: number];
  closedAt?: string;
  createdAt?: string;
  deleted?: boolean;
  outOfCity?: boolean;
  reviewTaken?: boolean;
  arrivalFrom?: string;
  arrivalText?: string;
}

// Known money in kopecks, closing times at both edges of October in Moscow, and orders that
// must stay out: closed a second before or at the end of the month, deleted, refused, active.
const SEED: SeededOrder[] = [
  {
    key: 'firstMinute',
    master: 'ivan',
    status: 'CLOSED',
    equipmentType: 'Холодильники',
    money: [1_000_000, 300_000, 350_000, 350_000],
    closedAt: '2025-10-01T00:00:00',
    reviewTaken: true,
  },
  {
    key: 'washer',
    master: 'ivan',
    status: 'CLOSED',
    equipmentType: 'Стиральные машины',
    money: [500_050, 0, 200_020, 300_030],
    closedAt: '2025-10-15T14:30:00',
    outOfCity: true,
  },
  {
    key: 'lastSecond',
    master: 'ivan',
    status: 'CLOSED',
    equipmentType: 'Холодильники',
    money: [123_457, 23_456, 50_000, 50_001],
    closedAt: '2025-10-31T23:59:59',
  },
  {
    key: 'electrics',
    master: 'petr',
    status: 'CLOSED',
    equipmentType: 'Электрика',
    money: [800_000, 100_000, 350_000, 350_000],
    closedAt: '2025-10-10T10:00:00',
  },
  {
    key: 'heater',
    master: 'petr',
    status: 'CLOSED',
    equipmentType: 'Водонагреватели',
    money: [333_333, 33_333, 150_000, 150_000],
    closedAt: '2025-10-20T18:45:00',
    reviewTaken: true,
  },
  {
    key: 'september',
    master: 'ivan',
    status: 'CLOSED',
    equipmentType: 'Холодильники',
    money: [700_000, 0, 350_000, 350_000],
    closedAt: '2025-09-30T23:59:59',
  },
  {
    key: 'november',
    master: 'petr',
    status: 'CLOSED',
    equipmentType: 'Электрика',
    money: [900_000, 0, 450_000, 450_000],
    closedAt: '2025-11-01T00:00:00',
  },
  {
    key: 'deletedClosed',
    master: 'ivan',
    status: 'CLOSED',
    equipmentType: 'Холодильники',
    money: [600_000, 0, 300_000, 300_000],
    closedAt: '2025-10-05T12:00:00',
    deleted: true,
  },
  {
    key: 'refused',
    master: 'petr',
    status: 'REFUSED',
    equipmentType: 'Электрика',
    closedAt: '2025-10-12T09:00:00',
  },
  {
    key: 'new',
    master: null,
    status: 'NEW',
    equipmentType: 'Сантехника',
    createdAt: '2025-10-25T09:00:00',
    arrivalText: 'Уточнить время у клиента',
  },
  {
    key: 'assigned',
    master: 'ivan',
    status: 'ASSIGNED',
    equipmentType: 'Холодильники',
    createdAt: '2025-10-25T10:15:00',
    arrivalFrom: '2025-10-26T15:00:00',
    arrivalText: 'завтра в 15:00',
  },
  {
    key: 'longRepair',
    master: 'petr',
    status: 'DR',
    equipmentType: 'Водонагреватели',
    createdAt: '2025-10-20T08:00:00',
  },
  { key: 'deletedActive', master: 'ivan', status: 'ONSITE', equipmentType: 'ДШ/ВП', deleted: true },
];

const ACTIVE_KEYS = ['new', 'assigned', 'longRepair'];

const MASTER_TOTALS_HEADER = [
  'Мастер',
  'Заявок',
  'Сумма',
  'Материалы',
  'Чистая сумма',
  'Мастеру',
  'Сдать компании',
  'Средний чек',
];
const ORDER_HEADER = [
  '№ заявки',
  'Дата завершения',
  'Тип техники',
  'Сумма',
  'Материалы',
  'Чистая сумма',
  'Мастеру',
  'Сдать компании',
  'Выезд за город',
  'Отзыв',
];

/** The values of a row from column A, as exceljs reads them back. */
const valuesOf = (sheet: Worksheet, rowNumber: number): unknown[] =>
  (sheet.getRow(rowNumber).values as unknown[]).slice(1);
/** A money cell back in kopecks: equal to the database "to the kopeck". */
const kopecks = (value: unknown) => Math.round((value as number) * 100);
const rowWith = (sheet: Worksheet, firstCell: unknown) => {
  for (let n = 1; n <= sheet.rowCount; n++)
    if (sheet.getRow(n).getCell(1).value === firstCell) return n;
  throw new Error(`no row starting with ${String(firstCell)} on ${sheet.name}`);
};

describe(`reports on ${dialectUnderTest()}`, () => {
  let db: TestDatabase;
  let module: TestingModule;
  let dataSource: DataSource;
  let reports: ReportsService;
  let october: ReportPeriod;
  const ids: Record<string, number> = {};
  const masters: Record<'ivan' | 'petr', number> = { ivan: 0, petr: 0 };
  const files: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    module = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot(),
        ClockModule,
        TypeOrmModule.forRoot({ ...dataSourceOptions(db.settings), migrationsRun: true }),
        ReportsModule,
      ],
    }).compile();
    await module.init();
    dataSource = module.get(DataSource);
    reports = module.get(ReportsService);
    await seed();
    // As the scheduled monthly report asks for it on the 1st at 10:00 (docs/product.md §8).
    october = reports.period('previous_month', moscow('2025-11-01T10:00:00'));
  });

  afterAll(async () => {
    await Promise.all(files.map((file) => rm(file, { force: true })));
    await module?.close();
    await db?.drop();
  });

  async function seed() {
    const users = dataSource.getRepository(User);
    const dispatcher = await users.save({ telegramId: 2001, firstName: 'Ольга', lastName: null });
    const ivan = await users.save({ telegramId: 3001, firstName: 'Иван', lastName: 'Петров' });
    // Characters Excel refuses in a sheet name.
    const petr = await users.save({
      telegramId: 3002,
      firstName: 'Пётр:',
      lastName: 'Сидоров/Электрик',
    });
    const masterRepo = dataSource.getRepository(Master);
    masters.ivan = (
      await masterRepo.save({
        userId: ivan.id,
        phone: '+79000000001',
        specialization: 'Холодильники',
      })
    ).id;
    masters.petr = (
      await masterRepo.save({ userId: petr.id, phone: '+79000000002', specialization: 'Электрика' })
    ).id;

    const orders = dataSource.getRepository(Order);
    for (const [index, order] of SEED.entries()) {
      const [total, materials, masterShare, companyShare] = order.money ?? [];
      const inserted = await orders.insert({
        equipmentType: order.equipmentType,
        problem: 'Не работает',
        clientName: `Клиент ${order.key}`,
        clientAddress: `ул. Ленина, д. ${index + 1}`,
        clientPhone: `+7900111${String(index).padStart(4, '0')}`,
        status: order.status,
        masterId: order.master && masters[order.master],
        dispatcherId: dispatcher.id,
        totalKopecks: total ?? null,
        materialsKopecks: materials ?? null,
        netKopecks: total === undefined ? null : total - (materials ?? 0),
        masterShareKopecks: masterShare ?? null,
        companyShareKopecks: companyShare ?? null,
        outOfCity: order.money ? (order.outOfCity ?? false) : null,
        reviewTaken: order.money ? (order.reviewTaken ?? false) : null,
        closedAt: order.closedAt ? moscow(order.closedAt) : null,
        createdAt: moscow(order.createdAt ?? '2025-09-01T12:00:00'),
        deletedAt: order.deleted ? moscow('2025-10-30T12:00:00') : null,
        arrivalFrom: order.arrivalFrom ? moscow(order.arrivalFrom) : null,
        arrivalText: order.arrivalText ?? null,
      });
      ids[order.key] = inserted.identifiers[0].id as number;
    }

    // Setbacks in October, from history: Ivan cancelled once, Petr's client refused once.
    const history = dataSource.getRepository(OrderStatusHistory);
    await history.insert([
      {
        orderId: ids.new,
        action: 'master_cancel',
        fromStatus: 'ASSIGNED',
        toStatus: 'NEW',
        masterId: masters.ivan,
        createdAt: moscow('2025-10-24T11:00:00'),
      },
      {
        orderId: ids.refused,
        action: 'client_refused',
        fromStatus: 'ONSITE',
        toStatus: 'REFUSED',
        masterId: masters.petr,
        createdAt: moscow('2025-10-12T09:00:00'),
      },
    ]);
  }

  /** What the database holds for October, summed here from the rows (not by the code under test). */
  async function octoberMoneyInDatabase(masterId?: number) {
    const rows = await dataSource.getRepository(Order).find({ withDeleted: false });
    const inOctober = rows.filter(
      (o) =>
        o.status === 'CLOSED' &&
        o.closedAt !== null &&
        o.closedAt >= october.from &&
        o.closedAt < october.to &&
        (masterId === undefined || o.masterId === masterId),
    );
    const sum = (pick: (o: Order) => number | null) =>
      inOctober.reduce((total, o) => total + (pick(o) ?? 0), 0);
    return {
      orders: inOctober.length,
      total: sum((o) => o.totalKopecks),
      materials: sum((o) => o.materialsKopecks),
      net: sum((o) => o.netKopecks),
      masterShare: sum((o) => o.masterShareKopecks),
      companyShare: sum((o) => o.companyShareKopecks),
    };
  }

  /** A report without a file as the user reads it. */
  const told = (result: ReportResult) =>
    result.kind === 'empty' ? { kind: 'empty', text: reportNoteText(result.note) } : result;

  async function open(result: ReportResult) {
    if (result.kind !== 'file') throw new Error(`expected a file, got: ${result.note.kind}`);
    files.push(result.filePath);
    const workbook = new Workbook();
    await workbook.xlsx.readFile(result.filePath);
    return workbook;
  }

  const moneyRow = (m: Awaited<ReturnType<typeof octoberMoneyInDatabase>>) => [
    m.orders,
    m.total,
    m.materials,
    m.net,
    m.masterShare,
    m.companyShare,
    Math.round(m.total / m.orders),
  ];
  const moneyCells = (values: unknown[]) => [
    values[1],
    ...values.slice(2, 8).map((value) => kopecks(value)),
  ];

  describe('the monthly summary', () => {
    let result: ReportResult;
    let workbook: Workbook;

    beforeAll(async () => {
      result = await reports.summary(october);
      workbook = await open(result);
    });

    it('has a summary sheet and one sheet per master, with valid names', () => {
      expect(result).toMatchObject({ kind: 'file', fileName: 'Сводка_2025-10-01_2025-10-31.xlsx' });
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
        'Сводка',
        'Иван Петров',
        'Пётр Сидоров Электрик',
      ]);
    });

    it('lists masters by net money, with a totals row equal to the database to the kopeck', async () => {
      const sheet = workbook.getWorksheet('Сводка') as Worksheet;
      expect(sheet.getCell('A1').value).toBe('Сводка за октябрь 2025');
      expect(valuesOf(sheet, 3)).toEqual(MASTER_TOTALS_HEADER);

      const ivan = valuesOf(sheet, 4);
      const petr = valuesOf(sheet, 5);
      const totals = valuesOf(sheet, 6);
      expect([ivan[0], petr[0], totals[0]]).toEqual([
        'Иван Петров',
        'Пётр: Сидоров/Электрик',
        'Итого',
      ]);
      expect(moneyCells(ivan)).toEqual(moneyRow(await octoberMoneyInDatabase(masters.ivan)));
      expect(moneyCells(petr)).toEqual(moneyRow(await octoberMoneyInDatabase(masters.petr)));
      const all = await octoberMoneyInDatabase();
      expect(moneyCells(totals)).toEqual(moneyRow(all));
      // The seed's own arithmetic, so a wrong filter cannot agree with itself.
      expect(all).toEqual({
        orders: 5,
        total: 2_756_840,
        materials: 456_789,
        net: 2_300_051,
        masterShare: 1_100_020,
        companyShare: 1_200_031,
      });
    });

    it('stores money as numbers in a ruble format', () => {
      const cell = (workbook.getWorksheet('Сводка') as Worksheet).getCell('E6');
      expect(typeof cell.value).toBe('number');
      expect(cell.numFmt).toBe('#,##0.00 "₽"');
    });

    it('breaks the month down by equipment type with shares', () => {
      const sheet = workbook.getWorksheet('Сводка') as Worksheet;
      const title = rowWith(sheet, 'По типам техники');
      expect(valuesOf(sheet, title + 1)).toEqual([
        'Тип техники',
        'Заявок',
        'Доля заявок',
        'Чистая сумма',
        'Доля суммы',
      ]);
      const fridges = valuesOf(sheet, title + 2);
      expect(fridges[0]).toBe('Холодильники');
      expect(fridges[1]).toBe(2);
      expect(fridges[2]).toBeCloseTo(0.4);
      expect(kopecks(fridges[3])).toBe(800_001);
      expect(fridges[4]).toBeCloseTo(800_001 / 2_300_051);
      const types = [1, 2, 3].map((offset) => valuesOf(sheet, title + 2 + offset)[0]).sort();
      expect(types).toEqual(['Водонагреватели', 'Стиральные машины', 'Электрика']);
      const totals = valuesOf(sheet, title + 6);
      expect([totals[0], totals[1], kopecks(totals[3])]).toEqual(['Итого', 5, 2_300_051]);
    });

    it("lists a master's orders with dates in Moscow time and their totals", async () => {
      const sheet = workbook.getWorksheet('Иван Петров') as Worksheet;
      expect(valuesOf(sheet, 1)).toEqual(ORDER_HEADER);
      expect([2, 3, 4].map((n) => sheet.getRow(n).getCell(1).value)).toEqual([
        ids.firstMinute,
        ids.washer,
        ids.lastSecond,
      ]);
      const washer = valuesOf(sheet, 3);
      // The wall-clock time in Moscow, whatever the time zone of whoever opens the file.
      expect((washer[1] as Date).toISOString()).toBe('2025-10-15T14:30:00.000Z');
      expect(sheet.getRow(3).getCell(2).numFmt).toBe('dd.mm.yyyy hh:mm');
      expect([washer[2], ...washer.slice(3, 8).map(kopecks), washer[8], washer[9]]).toEqual([
        'Стиральные машины',
        500_050,
        0,
        500_050,
        200_020,
        300_030,
        'Да',
        'Нет',
      ]);
      expect((valuesOf(sheet, 2)[1] as Date).toISOString()).toBe('2025-10-01T00:00:00.000Z');
      expect((valuesOf(sheet, 4)[1] as Date).toISOString()).toBe('2025-10-31T23:59:59.000Z');

      const totals = valuesOf(sheet, 5);
      const db = await octoberMoneyInDatabase(masters.ivan);
      expect(totals[0]).toBe('Итого');
      expect(totals.slice(3, 8).map(kopecks)).toEqual([
        db.total,
        db.materials,
        db.net,
        db.masterShare,
        db.companyShare,
      ]);
      expect(sheet.rowCount).toBe(5);
    });

    it('sums every order row of the master sheets to the database totals', async () => {
      const db = await octoberMoneyInDatabase();
      let net = 0;
      for (const sheet of workbook.worksheets.slice(1)) {
        sheet.eachRow((row, n) => {
          if (n > 1 && typeof row.getCell(1).value === 'number')
            net += kopecks(row.getCell(6).value);
        });
      }
      expect(net).toBe(db.net);
    });

    it('says the totals, per master and per type in the text beside the file', () => {
      const text = result.kind === 'file' ? reportNoteText(result.note) : '';
      expect(text).toContain('📊 Сводка за октябрь 2025');
      expect(text).toContain('Завершено: 5 заявок · ❌ отказов: 1');
      expect(text).toContain(`Сумма: ${formatRubles(2_756_840)}`);
      expect(text).toContain(`Сдать компании: ${formatRubles(1_200_031)}`);
      expect(text).toContain(
        `• Иван Петров — 3 заявки, чистыми ${formatRubles(1_300_051)}, сдать ${formatRubles(700_031)}`,
      );
      expect(text).toContain(
        `• Холодильники — 2 заявки (40,0 %), чистыми ${formatRubles(800_001)}`,
      );
    });
  });

  it('answers in plain text for a period without closed orders', async () => {
    const parsed = reports.parsePeriod('01.01.2024-31.01.2024');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(told(await reports.summary(parsed.period))).toEqual({
      kind: 'empty',
      text: '📊 За январь 2024 завершённых заявок нет.',
    });
  });

  it('puts an order closed at midnight into the day it starts', async () => {
    const day = reports.parsePeriod('01.10.2025');
    if (!day.ok) throw new Error(day.reason);
    const workbook = await open(await reports.summary(day.period));
    const sheet = workbook.getWorksheet('Иван Петров') as Worksheet;
    expect(sheet.getRow(2).getCell(1).value).toBe(ids.firstMinute);
    expect(sheet.rowCount).toBe(3);
  });

  it('lists exactly the active orders', async () => {
    const result = await reports.activeOrders(moscow('2025-10-26T12:00:00'));
    expect(result).toMatchObject({ kind: 'file', fileName: 'Активные_заявки_2025-10-26.xlsx' });
    const workbook = await open(result);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Активные заявки']);
    const sheet = workbook.worksheets[0];
    expect(valuesOf(sheet, 1)).toEqual([
      '№ заявки',
      'Статус',
      'Тип техники',
      'Клиент',
      'Адрес',
      'Телефон',
      'Мастер',
      'Диспетчер',
      'Время прибытия',
      'Время (как записано)',
      'Создана',
    ]);
    const listed = [2, 3, 4].map((n) => sheet.getRow(n).getCell(1).value);
    expect(listed).toEqual(ACTIVE_KEYS.map((key) => ids[key]));
    expect(sheet.rowCount).toBe(4);

    const assigned = valuesOf(sheet, 3);
    expect(assigned.slice(0, 8)).toEqual([
      ids.assigned,
      '👨‍🔧 Назначена',
      'Холодильники',
      'Клиент assigned',
      'ул. Ленина, д. 11',
      '+79001110010',
      'Иван Петров',
      'Ольга',
    ]);
    expect((assigned[8] as Date).toISOString()).toBe('2025-10-26T15:00:00.000Z');
    expect(assigned[9]).toBe('завтра в 15:00');
    expect((assigned[10] as Date).toISOString()).toBe('2025-10-25T10:15:00.000Z');
    expect(valuesOf(sheet, 2).slice(6, 8)).toEqual(['Без мастера', 'Ольга']);

    const text = result.kind === 'file' ? reportNoteText(result.note) : '';
    expect(text).toContain('📋 Активные заявки: 3');
    expect(text).toContain('• ⏳ Длительный ремонт — 1');
    expect(text).toContain('• Без мастера — 1');
  });

  it("builds a master's own report from their orders only", async () => {
    const result = await reports.masterReport(masters.petr, october);
    expect(result).toMatchObject({
      kind: 'file',
      fileName: 'Отчет_Пётр_Сидоров_Электрик_2025-10-01_2025-10-31.xlsx',
    });
    const workbook = await open(result);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Сводка', 'Заявки']);
    const summarySheet = workbook.getWorksheet('Сводка') as Worksheet;
    expect(summarySheet.getCell('A1').value).toBe(
      'Отчет мастера Пётр: Сидоров/Электрик за октябрь 2025',
    );
    const db = await octoberMoneyInDatabase(masters.petr);
    expect(moneyCells(valuesOf(summarySheet, rowWith(summarySheet, 'Итого')))).toEqual(
      moneyRow(db),
    );

    const orders = workbook.getWorksheet('Заявки') as Worksheet;
    expect([2, 3].map((n) => orders.getRow(n).getCell(1).value)).toEqual([
      ids.electrics,
      ids.heater,
    ]);
    expect(orders.rowCount).toBe(4);
    const text = result.kind === 'file' ? reportNoteText(result.note) : '';
    expect(text).toContain(`Мастерам: ${formatRubles(500_000)}`);
  });

  it("answers in plain text for a master's empty month or an unknown master", async () => {
    const september = reports.parsePeriod('01.09.2025-30.09.2025');
    if (!september.ok) throw new Error(september.reason);
    expect(told(await reports.masterReport(masters.petr, september.period))).toEqual({
      kind: 'empty',
      text: '📊 У мастера Пётр: Сидоров/Электрик за сентябрь 2025 завершённых заявок нет.',
    });
    expect(told(await reports.masterReport(999_999, october))).toEqual({
      kind: 'empty',
      text: '❌ Мастер не найден.',
    });
  });

  it('gives per-master statistics: load, closed, setbacks and money', async () => {
    const workbook = await open(await reports.masterStatistics(october));
    const sheet = workbook.getWorksheet('Мастера') as Worksheet;
    expect(sheet.getCell('A1').value).toBe('Статистика мастеров за октябрь 2025');
    const ivan = valuesOf(sheet, rowWith(sheet, 'Иван Петров'));
    const petr = valuesOf(sheet, rowWith(sheet, 'Пётр: Сидоров/Электрик'));
    // name, state, active, long repairs, closed, client refusals, own cancellations
    expect(ivan.slice(0, 7)).toEqual(['Иван Петров', 'Активен', 1, 0, 3, 0, 1]);
    expect(petr.slice(0, 7)).toEqual(['Пётр: Сидоров/Электрик', 'Активен', 1, 1, 2, 1, 0]);
    expect(ivan[7]).toBeCloseTo(3 / 4);
    expect(petr[7]).toBeCloseTo(2 / 3);
    expect(kopecks(ivan[8])).toBe(1_300_051);
    const totals = valuesOf(sheet, rowWith(sheet, 'Итого'));
    expect([totals[4], kopecks(totals[8]), kopecks(totals[10])]).toEqual([5, 2_300_051, 1_200_031]);
  });
});
