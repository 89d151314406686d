import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ConfigService } from '@nestjs/config';
import { BackupError, restoreBackup, type BackupTarget } from '../../src/backup/backup-engine';
import { backupFileName, pruneBackups } from '../../src/backup/backup-files';
import { BackupService } from '../../src/backup/backup.service';
import type { Environment } from '../../src/config/environment';
import { OrderStatusHistory } from '../../src/orders/order-status-history.entity';
import { Order } from '../../src/orders/order.entity';
import { OrdersService } from '../../src/orders/orders.service';
import { createDomainApp, DomainApp, ORDER_DRAFT, TEST_DISPATCHER_ID } from '../support/domain-app';
import type { DatabaseSettings } from '../../src/database/data-source-options';
import { createTestDatabase, dialectUnderTest, TestDatabase } from '../support/test-database';
import { reasonText } from '../../src/texts/ru/reasons';

const ZONE = 'Europe/Moscow';
const NAME = /^bot_database_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.(db\.gz|dump)$/;
const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0;
const dialect = dialectUnderTest();

const targetOf = (settings: DatabaseSettings): BackupTarget =>
  settings.DATABASE_URL
    ? { databaseUrl: settings.DATABASE_URL }
    : { sqlitePath: settings.DATABASE_PATH };

describe(`backups on ${dialect}`, () => {
  let app: DomainApp;
  let dir: string;
  let backups: BackupService;
  const extraDatabases: TestDatabase[] = [];

  beforeAll(async () => {
    app = await createDomainApp();
    dir = mkdtempSync(join(tmpdir(), 'repair-dispatch-backups-'));
    const settings = { BACKUP_DIR: dir, BACKUP_KEEP_DAYS: 30, TZ: ZONE } as const;
    const config = {
      get: (key: keyof typeof settings) => settings[key],
    } as unknown as ConfigService<Environment, true>;
    backups = new BackupService(app.dataSource, config);
  });

  afterAll(async () => {
    for (const db of extraDatabases) await db.drop();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names backups by the business-time wall clock', () => {
    const at = new Date('2026-01-01T21:30:05Z');
    expect(backupFileName(at, ZONE, 'db.gz')).toBe('bot_database_2026-01-02_00-30-05.db.gz');
    expect(backupFileName(at, ZONE, 'dump')).toMatch(NAME);
  });

  it('retention deletes only backups older than the kept days', () => {
    const own = mkdtempSync(join(tmpdir(), 'repair-dispatch-retention-'));
    try {
      const now = new Date('2026-03-31T09:00:00Z');
      const daysAgo = (days: number, ext: 'db.gz' | 'dump') =>
        backupFileName(new Date(now.getTime() - days * 86_400_000), ZONE, ext);
      const files = [
        daysAgo(45, 'db.gz'),
        daysAgo(31, 'dump'),
        daysAgo(29, 'db.gz'),
        daysAgo(0, 'dump'),
        'bot_database_garbage.db.gz',
        'notes.txt',
        `${daysAgo(40, 'db.gz')}.partial`,
      ];
      for (const file of files) writeFileSync(join(own, file), 'x');
      expect(pruneBackups(own, 30, now, ZONE)).toEqual([files[1], files[0]].sort());
      expect(readdirSync(own).sort()).toEqual(files.slice(2).sort());
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  if (dialect === 'postgres' && !hasPgDump) {
    it('says pg_dump is needed when it is not installed', async () => {
      await expect(backups.backup()).rejects.toThrow(/pg_dump is needed/);
    });
    return;
  }

  let backupFile: string;
  let committedBefore: number[];

  it('takes a consistent backup while 1 000 orders are written, and it restores', async () => {
    const orders = app.get(OrdersService);
    const dispatcher = await app.actor(TEST_DISPATCHER_ID);
    const stale = backupFileName(new Date(Date.now() - 40 * 86_400_000), ZONE, 'db.gz');
    writeFileSync(join(dir, stale), 'old');

    const committed: number[] = [];
    let reached!: () => void;
    const enoughWritten = new Promise<void>((done) => (reached = done));
    const writer = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const created = await orders.create(ORDER_DRAFT, dispatcher);
        if (!created.ok) throw new Error(reasonText(created));
        committed.push(created.value.id);
        if (committed.length === 250) reached();
      }
    };
    const started = Date.now();
    // Ten writers at once; the backup starts while they are mid-flight (some in a transaction).
    const writing = Promise.all(Array.from({ length: 10 }, () => writer(100)));
    await enoughWritten;

    committedBefore = [...committed];
    const result = await backups.backup();
    const duringBackup = committed.length - committedBefore.length;
    await writing;
    console.warn(
      `[${dialect}] backup ${basename(result.file)}: ${result.bytes} bytes in ${result.tookMs} ms; ` +
        `${committedBefore.length} orders before it, ${duringBackup} committed during it, ` +
        `1000 written in ${Date.now() - started} ms`,
    );
    expect(committed).toHaveLength(1000);
    expect(basename(result.file)).toMatch(NAME);
    expect(result.bytes).toBeGreaterThan(0);
    // Retention ran after the backup; nothing but finished backups is left behind.
    expect(readdirSync(dir)).toEqual([basename(result.file)]);
    backupFile = result.file;

    const copy = await createTestDatabase();
    extraDatabases.push(copy);
    const restoreStarted = Date.now();
    // The integrity check of the unpacked SQLite copy happens inside restoreBackup.
    await expect(restoreBackup(backupFile, targetOf(copy.settings))).resolves.toEqual({
      previous: null,
    });
    const restored = await copy.dataSource({ migrationsRun: false });
    expect(await restored.showMigrations()).toBe(false);
    const ids = (await restored.getRepository(Order).find({ select: { id: true } })).map(
      (order) => order.id,
    );
    console.warn(`[${dialect}] restored ${ids.length} orders in ${Date.now() - restoreStarted} ms`);
    const present = new Set(ids);
    expect(committedBefore.filter((id) => !present.has(id))).toEqual([]);
    expect(ids.length).toBeLessThanOrEqual(1000);
    // Whole transactions only: every restored order has its creation history row.
    const history = await restored.getRepository(OrderStatusHistory).find();
    const withHistory = new Set(history.map((row) => row.orderId));
    expect(ids.filter((id) => !withHistory.has(id))).toEqual([]);
    await restored.destroy();
    // A thousand use cases and a backup: minutes on a machine busy with other work, not 30 s.
  }, 180_000);

  it('refuses to restore into a database the running service holds', async () => {
    await expect(restoreBackup(backupFile, targetOf(app.db.settings))).rejects.toThrow(
      /in use.*Stop the service/s,
    );
    // The service's database is untouched and still works.
    expect(await app.dataSource.getRepository(Order).count()).toBe(1000);
  });

  if (dialect === 'sqlite') {
    it('refuses while another process holds the file, and keeps the replaced database', async () => {
      const copy = await createTestDatabase();
      extraDatabases.push(copy);
      const path = copy.settings.DATABASE_PATH as string;
      await restoreBackup(backupFile, { sqlitePath: path });

      const holder = spawn(
        process.execPath,
        [
          '-e',
          `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(path)});
           db.pragma('journal_mode = WAL'); db.prepare('SELECT count(*) FROM orders').get();
           console.log('ready'); setInterval(() => {}, 1000);`,
        ],
        { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
      );
      try {
        await new Promise<void>((ready, fail) => {
          holder.stdout.on('data', () => ready());
          holder.on('exit', (code) => fail(new Error(`holder exited with ${code}`)));
        });
        const refused = restoreBackup(backupFile, { sqlitePath: path });
        await expect(refused).rejects.toBeInstanceOf(BackupError);
        await expect(refused).rejects.toThrow(/is in use/);
      } finally {
        holder.kill();
        await new Promise((done) => holder.once('exit', done));
      }

      const { previous } = await restoreBackup(backupFile, { sqlitePath: path, zone: ZONE });
      expect(previous).toMatch(/\.before-restore-\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}$/);
      expect(existsSync(previous as string)).toBe(true);
      expect(existsSync(`${path}-wal`)).toBe(false);
    });
  }
});
