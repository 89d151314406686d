import { ConfigService } from '@nestjs/config';
import { TestingModule } from '@nestjs/testing';
import { Workbook } from 'exceljs';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { BackupService } from '../../src/backup/backup.service';
import { Notification } from '../../src/notifications/notification.entity';
import { OutboxAttachment } from '../../src/notifications/outbox-attachment.entity';
import type { OrderStatus } from '../../src/orders/order-status';
import { Order } from '../../src/orders/order.entity';
import { MastersService } from '../../src/users/masters.service';
import { ReportsService } from '../../src/reports/reports.service';
import { AdminAlerts } from '../../src/scheduler/admin-alerts';
import { BackupJob } from '../../src/scheduler/backup-job';
import { CleanupJob } from '../../src/scheduler/cleanup-job';
import { JobRun } from '../../src/scheduler/job-run.entity';
import { JobRunner, ScheduledJob } from '../../src/scheduler/job-runner';
import {
  DailyReportJob,
  EveningSummaryJob,
  MastersArchiveJob,
  MonthlyReportJob,
  WeeklyReportJob,
} from '../../src/scheduler/report-jobs';
import { ProcessedUpdate } from '../../src/telegram/processed-update.entity';
import { SCHEDULER_TEMPLATES } from '../../src/texts/ru/scheduler';
import { UsersService } from '../../src/users/users.service';
import { addMaster, DomainApp, ORDER_DRAFT } from '../support/domain-app';
import { createTestDatabase, dialectUnderTest, TestDatabase } from '../support/test-database';
import { FakeClock, startSchedulerReplica } from '../support/scheduler-replica';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';
import { reasonText } from '../../src/texts/ru/reasons';
import type { ReportNote } from '../../src/reports/report-summary';
import { reportNoteText } from '../../src/texts/ru/report-summary';

/** A Moscow wall-clock time (UTC+3 all year) as an instant. */
const msk = (local: string) => new Date(`${local}+03:00`);

const IVAN = 3001;
const PETR = 3002;
const FIRED = 3003;
const STAFF = [TEST_ADMIN_ID, TEST_DISPATCHER_ID].sort();

describe(`report, backup and cleanup jobs on ${dialectUnderTest()}`, () => {
  let db: TestDatabase;
  let module: TestingModule;
  let clock: FakeClock;
  let dataSource: DataSource;
  const orderIds: Record<string, number> = {};
  const masterIds: Record<number, number> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ module, clock } = await startSchedulerReplica(db));
    dataSource = module.get(DataSource);
    await seed();
  });

  afterAll(async () => {
    await module?.close();
    await db?.drop();
  });

  afterEach(() => jest.restoreAllMocks());

  beforeEach(async () => {
    for (const entity of [Notification, OutboxAttachment, JobRun])
      await dataSource.createQueryBuilder().delete().from(entity).execute();
  });

  async function seed() {
    const users = module.get(UsersService);
    const actor = (id: number) => users.upsertFromTelegram({ id, first_name: `User${id}` });
    await actor(TEST_ADMIN_ID);
    const dispatcherId = (await actor(TEST_DISPATCHER_ID)).userId;
    const domain = { get: (type: never) => module.get(type), actor } as unknown as DomainApp;
    for (const telegramId of [IVAN, PETR, FIRED])
      masterIds[telegramId] = (await addMaster(domain, telegramId)).master.id;
    const admin = await actor(TEST_ADMIN_ID);
    const fired = await module.get(MastersService).fire(masterIds[FIRED], admin);
    if (!fired.ok) throw new Error(reasonText(fired));

    const put = async (
      key: string,
      o: { status: OrderStatus; master?: number; created: string; closed?: string },
      extra: Partial<Order> = {},
    ) => {
      const total = o.status === 'CLOSED' ? 500_000 : null;
      const inserted = await dataSource.getRepository(Order).insert({
        ...ORDER_DRAFT,
        clientPhone: '+79001112233',
        searchAddress: '',
        clientName: `Клиент ${key}`,
        status: o.status,
        dispatcherId,
        masterId: o.master ? masterIds[o.master] : null,
        totalKopecks: total,
        materialsKopecks: total && 0,
        netKopecks: total,
        masterShareKopecks: total && total / 2,
        companyShareKopecks: total && total / 2,
        outOfCity: total ? false : null,
        reviewTaken: total ? false : null,
        createdAt: msk(o.created),
        closedAt: o.closed ? msk(o.closed) : null,
        ...extra,
      });
      orderIds[key] = inserted.identifiers[0].id as number;
    };
    // Closed around the edges of Saturday 31 January 2026 and of the month, in Moscow.
    await put('dec31', {
      status: 'CLOSED',
      master: IVAN,
      created: '2025-12-31T10:00:00',
      closed: '2025-12-31T23:59:59',
    });
    await put('jan15fired', {
      status: 'CLOSED',
      master: FIRED,
      created: '2026-01-15T10:00:00',
      closed: '2026-01-15T12:00:00',
    });
    await put('jan30', {
      status: 'CLOSED',
      master: PETR,
      created: '2026-01-30T09:00:00',
      closed: '2026-01-30T23:59:59',
    });
    await put('jan31first', {
      status: 'CLOSED',
      master: IVAN,
      created: '2026-01-30T10:00:00',
      closed: '2026-01-31T00:00:00',
    });
    await put('jan31last', {
      status: 'CLOSED',
      master: IVAN,
      created: '2026-01-31T09:00:00',
      closed: '2026-01-31T23:59:59',
    });
    await put('feb1', {
      status: 'CLOSED',
      master: PETR,
      created: '2026-01-31T12:00:00',
      closed: '2026-02-01T00:00:00',
    });
    // New on 31 January, for the evening summary; one deleted, one from the day before.
    await put('jan31new', { status: 'NEW', created: '2026-01-31T15:00:00' });
    await put(
      'jan31assigned',
      { status: 'ASSIGNED', master: PETR, created: '2026-01-31T16:00:00' },
      { equipmentType: 'Электрика' },
    );
    await put(
      'jan31deleted',
      { status: 'NEW', created: '2026-01-31T17:00:00' },
      { deletedAt: msk('2026-01-31T18:00:00') },
    );
  }

  async function runAt(job: new (...args: never[]) => ScheduledJob, at: string) {
    clock.at = msk(at);
    return module.get(JobRunner).tick(module.get(job), 50_000);
  }

  /** The outbox as each chat will receive it, in order. */
  /** A `report.text` row as the bot words it. */
  const noteText = (payload: object) => reportNoteText((payload as { note: ReportNote }).note);

  async function outbox() {
    const rows = await dataSource.getRepository(Notification).find({ order: { id: 'ASC' } });
    return rows.map((row) => ({
      chatId: Number(row.chatId),
      kind: row.kind,
      payload: row.payload,
    }));
  }

  async function chatsOf(kind: string) {
    return (await outbox())
      .filter((row) => row.kind === kind)
      .map((row) => row.chatId)
      .sort();
  }

  /** The order numbers listed on the order sheets of the stored report. */
  async function ordersInAttachment(): Promise<{ fileName: string; orderIds: number[] }> {
    const [file] = await dataSource.getRepository(OutboxAttachment).find();
    const workbook = new Workbook();
    await workbook.xlsx.load(file.content as never);
    const ids: number[] = [];
    workbook.eachSheet((sheet) => {
      if (sheet.getCell('A1').value === '№ заявки')
        sheet.eachRow((row, n) => {
          if (n > 1 && typeof row.getCell(1).value === 'number')
            ids.push(row.getCell(1).value as number);
        });
    });
    return { fileName: file.fileName, orderIds: ids.sort((a, b) => a - b) };
  }

  const ids = (...keys: string[]) => keys.map((key) => orderIds[key]).sort((a, b) => a - b);

  it('the daily report at 08:00 covers the previous day: each admin and dispatcher gets the file, then its summary', async () => {
    expect(await runAt(DailyReportJob, '2026-02-01T08:00:00')).toBe('ran');

    const rows = await outbox();
    for (const chatId of STAFF) {
      const mine = rows.filter((row) => row.chatId === chatId);
      expect(mine.map((row) => row.kind)).toEqual(['document', 'report.text']);
      expect(noteText(mine[1].payload)).toContain('📊 Сводка за 31.01.2026');
      expect(noteText(mine[1].payload)).toContain('Завершено: 2 заявки');
    }
    // Both edges of 31 January, not the 30th nor 1 February 00:00.
    expect(await ordersInAttachment()).toEqual({
      fileName: 'Сводка_2026-01-31.xlsx',
      orderIds: ids('jan31first', 'jan31last'),
    });
    const [run] = await module.get(JobRunner).lastRuns();
    expect(run).toMatchObject({ name: 'report.daily', lastOutcome: 'ok' });
  });

  it('a second run for the same day queues nothing new', async () => {
    await runAt(DailyReportJob, '2026-02-01T08:00:00');
    // Another replica, or the same one after the lease, runs it again for the same period.
    await dataSource.createQueryBuilder().delete().from(JobRun).execute();
    expect(await runAt(DailyReportJob, '2026-02-01T08:00:30')).toBe('ran');

    expect(await outbox()).toHaveLength(4);
    expect(await dataSource.getRepository(OutboxAttachment).count()).toBe(1);
  });

  it('the weekly report on Monday 09:00 covers Monday to Sunday of the previous week', async () => {
    await runAt(WeeklyReportJob, '2026-02-02T09:00:00');

    expect(await ordersInAttachment()).toEqual({
      fileName: 'Сводка_2026-01-26_2026-02-01.xlsx',
      orderIds: ids('jan30', 'jan31first', 'jan31last', 'feb1'),
    });
    const row = (await outbox()).find((r) => r.kind === 'report.text');
    const text = row && noteText(row.payload);
    expect(text).toContain('📊 Сводка за неделю 26.01.2026 – 01.02.2026');
  });

  it('the monthly report on the 1st covers the whole previous month, to its last second', async () => {
    await runAt(MonthlyReportJob, '2026-02-01T10:00:00');

    expect(await ordersInAttachment()).toEqual({
      fileName: 'Сводка_2026-01-01_2026-01-31.xlsx',
      orderIds: ids('jan15fired', 'jan30', 'jan31first', 'jan31last'),
    });
    expect(await chatsOf('document')).toEqual(STAFF);
  });

  it('a period without closed orders sends the "no orders" text and no file', async () => {
    await runAt(DailyReportJob, '2026-01-20T08:00:00');

    const rows = await outbox();
    expect(rows.map((row) => row.kind)).toEqual(['report.text', 'report.text']);
    expect(noteText(rows[0].payload)).toBe('📊 За 19.01.2026 завершённых заявок нет.');
    expect(await dataSource.getRepository(OutboxAttachment).count()).toBe(0);
  });

  it("the evening summary counts today's new orders by status and type, without deleted ones", async () => {
    await runAt(EveningSummaryJob, '2026-01-31T21:30:00');

    expect(await chatsOf('report.text')).toEqual(STAFF);
    const text = noteText((await outbox())[0].payload);
    // Created on the 31st: jan31last (closed), feb1 (closed the next night), new, assigned.
    expect(text.split('\n')).toEqual([
      '🌙 Итоги дня 31.01.2026: новых заявок — 4',
      '',
      '📌 По статусам:',
      '• 💰 Завершена — 2',
      '• 👨‍🔧 Назначена — 1',
      '• 🆕 Новая — 1',
      '',
      '🔧 По типам техники:',
      '• Холодильники — 3',
      '• Электрика — 1',
    ]);
  });

  it("the masters' archive on the 1st sends each master their own previous month, privately", async () => {
    await runAt(MastersArchiveJob, '2026-02-01T02:00:00');

    const rows = await outbox();
    // Ivan closed two orders in January, Petr one; the fired master (one order) gets nothing.
    expect([...new Set(rows.map((row) => row.chatId))].sort()).toEqual([IVAN, PETR]);
    const ivan = rows.filter((row) => row.chatId === IVAN);
    expect(ivan.map((row) => row.kind)).toEqual(['document', 'report.text']);
    expect(noteText(ivan[1].payload)).toContain('отчёт за январь 2026');
    const files = await dataSource.getRepository(OutboxAttachment).find({ order: { id: 'ASC' } });
    expect(files.map((file) => file.fileName)).toEqual([
      expect.stringMatching(/^Отчет_User3001_2026-01-01_2026-01-31\.xlsx$/),
      expect.stringMatching(/^Отчет_User3002_2026-01-01_2026-01-31\.xlsx$/),
    ]);
  });

  it('the nightly backup tells the admins it was made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backup-job-'));
    const job = backupJobInto(dir);
    try {
      clock.at = msk('2026-02-01T03:00:00');
      expect(await module.get(JobRunner).tick(job, 50_000)).toBe('ran');

      const rows = await outbox();
      expect(rows.map((row) => [row.chatId, row.kind])).toEqual([[TEST_ADMIN_ID, 'backup.done']]);
      const file = rows[0].payload.file as string;
      expect(file).toMatch(/^bot_database_\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d\./);
      expect(existsSync(join(dir, file))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a failed backup is told to the admins and recorded as the failure of the job', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backup-job-'));
    // A file where the backup directory should be: the backup cannot be written.
    writeFileSync(join(dir, 'not-a-dir'), '');
    const job = backupJobInto(join(dir, 'not-a-dir'));
    try {
      clock.at = msk('2026-02-02T03:00:00');
      expect(await module.get(JobRunner).tick(job, 50_000)).toBe('failed');

      const rows = await outbox();
      expect(rows.map((row) => [row.chatId, row.kind])).toEqual([[TEST_ADMIN_ID, 'backup.failed']]);
      expect(rows[0].payload.reason).toEqual(expect.any(String));
      const [run] = await module.get(JobRunner).lastRuns();
      expect(run).toMatchObject({ name: 'backup', lastOutcome: 'failed' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** The backup job of the app, writing into `dir`. */
  function backupJobInto(dir: string) {
    const config = module.get(ConfigService);
    const backups = new BackupService(
      dataSource,
      new ConfigService({
        BACKUP_DIR: dir,
        BACKUP_KEEP_DAYS: 30,
        TZ: config.get('TZ'),
      }) as never,
    );
    return new BackupJob(backups, module.get(AdminAlerts));
  }

  it.each([
    ['📊 Ежедневный отчёт', DailyReportJob, '2026-02-01T08:00:00'],
    ['📊 Еженедельный отчёт', WeeklyReportJob, '2026-02-02T09:00:00'],
    ['📊 Ежемесячный отчёт', MonthlyReportJob, '2026-02-01T10:00:00'],
  ])(
    'a failed «%s» is told to the admins with the reason and recorded as failed',
    async (label, job, at) => {
      jest
        .spyOn(module.get(ReportsService), 'summary')
        .mockRejectedValueOnce(new Error('SQLITE_FULL: database or disk is full'));

      expect(await runAt(job, at)).toBe('failed');

      const rows = await outbox();
      expect(rows.map((row) => [row.chatId, row.kind])).toEqual([[TEST_ADMIN_ID, 'report.failed']]);
      const text = SCHEDULER_TEMPLATES['report.failed'](rows[0].payload as never);
      expect(text).toMatch(/^❌ /);
      expect(text).toContain(`«${label}»`);
      expect(text).toContain('SQLITE_FULL: database or disk is full');
      const run = await jobRun(module.get(job).name);
      expect(run).toMatchObject({
        lastOutcome: 'failed',
        lastError: expect.stringContaining('SQLITE_FULL'),
      });
    },
  );

  it('a failed evening summary is told to the admins', async () => {
    jest
      .spyOn(module.get(ReportsService), 'eveningSummary')
      .mockRejectedValueOnce(new Error('connection terminated'));

    expect(await runAt(EveningSummaryJob, '2026-01-31T21:30:00')).toBe('failed');

    const rows = await outbox();
    expect(rows).toEqual([
      {
        chatId: TEST_ADMIN_ID,
        kind: 'report.failed',
        payload: { job: 'report.evening', reason: 'connection terminated' },
      },
    ]);
    expect(SCHEDULER_TEMPLATES['report.failed'](rows[0].payload as never)).toContain(
      '«🌙 Вечерняя сводка»: connection terminated',
    );
  });

  it("a master's archive that fails is told to the admins; the others are still sent", async () => {
    jest
      .spyOn(module.get(ReportsService), 'masterReport')
      .mockRejectedValueOnce(new Error('EACCES: permission denied'));

    expect(await runAt(MastersArchiveJob, '2026-02-01T02:00:00')).toBe('failed');

    const rows = await outbox();
    // Ivan's archive failed; Petr still got his.
    expect(rows.filter((row) => row.chatId === PETR).map((row) => row.kind)).toEqual([
      'document',
      'report.text',
    ]);
    const notices = rows.filter((row) => row.kind === 'report.failed');
    expect(notices).toEqual([
      {
        chatId: TEST_ADMIN_ID,
        kind: 'report.failed',
        payload: {
          job: 'report.masters_archive',
          reason: `archives not sent: master ${masterIds[IVAN]}: EACCES: permission denied`,
        },
      },
    ]);
    expect(await jobRun('report.masters_archive')).toMatchObject({ lastOutcome: 'failed' });
  });

  it('a report job that succeeds tells the admins nothing extra', async () => {
    expect(await runAt(DailyReportJob, '2026-02-01T08:00:00')).toBe('ran');
    expect(await chatsOf('report.failed')).toEqual([]);
  });

  it('cleanup deletes delivered notifications after 30 days, failed after 90, files and update ids after 7', async () => {
    const now = msk('2026-03-01T04:30:00');
    const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600 * 1000);
    const notification = (key: string, state: Notification['state'], created: Date) => ({
      chatId: TEST_ADMIN_ID,
      kind: 'report.text',
      payload: { text: key },
      dedupKey: `cleanup-spec:${key}`,
      state,
      nextAttemptAt: created,
      createdAt: created,
    });
    await dataSource
      .getRepository(Notification)
      .insert([
        notification('sent-old', 'sent', daysAgo(31)),
        notification('sent-recent', 'sent', daysAgo(29)),
        notification('pending-old', 'pending', daysAgo(31)),
        notification('failed-40', 'failed', daysAgo(40)),
        notification('failed-91', 'failed', daysAgo(91)),
      ]);
    await dataSource.getRepository(OutboxAttachment).insert([
      { key: 'old', fileName: 'a.xlsx', content: Buffer.from('a'), createdAt: daysAgo(8) },
      { key: 'new', fileName: 'b.xlsx', content: Buffer.from('b'), createdAt: daysAgo(1) },
    ]);
    await dataSource.getRepository(ProcessedUpdate).insert([
      { updateId: 1, createdAt: daysAgo(8) },
      { updateId: 2, createdAt: daysAgo(1) },
    ]);

    clock.at = now;
    expect(await module.get(JobRunner).tick(module.get(CleanupJob), 50_000)).toBe('ran');

    const left = await dataSource.getRepository(Notification).find({ order: { id: 'ASC' } });
    expect(left.map((row) => row.payload.text)).toEqual([
      'sent-recent',
      'pending-old',
      'failed-40',
    ]);
    const files = await dataSource.getRepository(OutboxAttachment).find();
    expect(files.map((file) => file.key)).toEqual(['new']);
    const updates = await dataSource.getRepository(ProcessedUpdate).find();
    expect(updates.map((update) => Number(update.updateId))).toEqual([2]);
  });

  it('shutdown waits for a running job, which still records its outcome', async () => {
    const replica = await startSchedulerReplica(db);
    let release!: () => void;
    const running = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const slow: ScheduledJob = {
      name: 'spec.slow',
      run: async () => {
        await running;
        finished = true;
      },
    };
    replica.clock.at = msk('2026-02-01T12:00:00');
    const tick = replica.module.get(JobRunner).tick(slow, 50_000);
    // The job is in its run when the shutdown begins; it ends a little later.
    await waitUntil(async () => (await jobRun('spec.slow'))?.lastOutcome === 'running');
    const closing = replica.module.close();
    setTimeout(release, 200);
    await closing;

    expect(finished).toBe(true);
    expect(await tick).toBe('ran');
    expect(await jobRun('spec.slow')).toMatchObject({ lastOutcome: 'ok' });
  });

  const jobRun = (name: string) => dataSource.getRepository(JobRun).findOneBy({ name });
});

async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
