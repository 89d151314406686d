import { DataSource } from 'typeorm';
import { AuditLog } from '../../src/audit/audit-log.entity';
import { BlockedChat } from '../../src/notifications/blocked-chat.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { OrderGroupMessage } from '../../src/telegram/outbox/order-group-message.entity';
import { OrderStatusHistory } from '../../src/orders/order-status-history.entity';
import { Order } from '../../src/orders/order.entity';
import { JobRun } from '../../src/scheduler/job-run.entity';
import { ProcessedUpdate } from '../../src/telegram/processed-update.entity';
import { TelegramSession } from '../../src/telegram/session/telegram-session.entity';
import { Master } from '../../src/users/master.entity';
import { UserRole } from '../../src/users/user-role.entity';
import { User } from '../../src/users/user.entity';
import { createTestDatabase, dialectUnderTest, TestDatabase } from '../support/test-database';

async function userTables(ds: DataSource): Promise<string[]> {
  const rows: { name: string }[] =
    ds.options.type === 'postgres'
      ? await ds.query(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
        )
      : await ds.query(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
        );
  return rows.map((row) => row.name).sort();
}

async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const sql = await ds.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}

describe(`schema on ${dialectUnderTest()}`, () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await db.dataSource({ migrationsRun: false });
  });

  afterAll(() => db.drop());

  it('migrates up to head, down to an empty schema, and up again', async () => {
    const applied = await ds.runMigrations();
    expect(applied.length).toBeGreaterThan(0);
    expect(await ds.showMigrations()).toBe(false);
    expect(await userTables(ds)).toEqual(
      expect.arrayContaining(['orders', 'users', 'masters', 'notifications', 'migrations']),
    );

    for (let i = 0; i < applied.length; i++) await ds.undoLastMigration();
    expect(await userTables(ds)).toEqual(['migrations']);

    expect((await ds.runMigrations()).length).toBe(applied.length);
  });

  it('leaves no difference between the entities and the migrated schema', async () => {
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });

  describe('round trip of every entity', () => {
    let user: User;
    let master: Master;
    let order: Order;

    beforeAll(async () => {
      user = await ds.getRepository(User).save({
        telegramId: 7_000_000_001,
        firstName: 'Иван',
        lastName: 'Петров',
        username: 'ivan',
      });
      master = await ds.getRepository(Master).save({
        userId: user.id,
        phone: '+79001234567',
        specialization: 'Холодильники',
        workChatId: -1_001_234_567_890,
      });
      order = await ds.getRepository(Order).save({
        equipmentType: 'Холодильники',
        problem: 'Не морозит',
        clientName: 'Анна',
        clientAddress: 'ул. Ленина, д. 5',
        clientPhone: '+79001112233',
        status: 'ASSIGNED',
        masterId: master.id,
        dispatcherId: user.id,
        arrivalText: 'завтра в 15:00',
        arrivalFrom: new Date('2025-10-21T12:00:00.000Z'),
        totalKopecks: 1_000_000,
        drExpectedDate: '2025-11-03',
      });
    });

    it('keeps users with 53-bit Telegram ids as numbers', async () => {
      const found = await ds.getRepository(User).findOneByOrFail({ telegramId: 7_000_000_001 });
      expect(found).toMatchObject({ id: user.id, firstName: 'Иван', blockedBot: false });
      expect(found.createdAt).toBeInstanceOf(Date);
    });

    it('keeps masters with a supergroup chat id', async () => {
      const found = await ds.getRepository(Master).findOneByOrFail({ id: master.id });
      expect(found).toMatchObject({
        workChatId: -1_001_234_567_890,
        isActive: true,
        isSenior: false,
      });
    });

    it('keeps orders with instants in UTC, dates and kopecks exact', async () => {
      const found = await ds.getRepository(Order).findOneByOrFail({ id: order.id });
      expect(found.arrivalFrom?.toISOString()).toBe('2025-10-21T12:00:00.000Z');
      expect(found).toMatchObject({
        totalKopecks: 1_000_000,
        drExpectedDate: '2025-11-03',
        version: 1,
        rescheduleCount: 0,
        deletedAt: null,
      });
    });

    it('refuses a second master bound to the same work group', async () => {
      const other = await ds.getRepository(User).save({ telegramId: 7_000_000_002 });
      await expect(
        ds.getRepository(Master).insert({
          userId: other.id,
          phone: '+79001234568',
          specialization: 'Электрика',
          workChatId: -1_001_234_567_890,
        }),
      ).rejects.toThrow();
    });

    it('keeps roles, history, audit, group cards, outbox, sessions, updates and job runs', async () => {
      await ds.getRepository(UserRole).save({ userId: user.id, role: 'ADMIN', source: 'env' });
      await ds.getRepository(OrderStatusHistory).save({
        orderId: order.id,
        action: 'assign',
        fromStatus: 'NEW',
        toStatus: 'ASSIGNED',
        actorUserId: user.id,
        masterId: master.id,
      });
      await ds.getRepository(AuditLog).save({
        actorUserId: user.id,
        action: 'order.assign',
        entityType: 'order',
        entityId: order.id,
        details: { masterId: master.id },
      });
      await ds.getRepository(OrderGroupMessage).save({
        orderId: order.id,
        chatId: -1_001_234_567_890,
        messageId: 42,
      });
      await ds.getRepository(Notification).save({
        chatId: 7_000_000_001,
        kind: 'order_created',
        payload: { orderId: order.id },
        dedupKey: `order_created:${order.id}:7000000001`,
        nextAttemptAt: new Date('2025-10-21T12:00:00.000Z'),
      });
      await ds.getRepository(TelegramSession).save({ key: '7000000001', data: { step: 2 } });
      await ds.getRepository(ProcessedUpdate).save({ updateId: 900_000_000_001 });
      await ds
        .getRepository(JobRun)
        .save({ name: 'backup', lastOutcome: 'ok', lastDurationMs: 12 });

      expect(await ds.getRepository(UserRole).findOneByOrFail({ userId: user.id })).toMatchObject({
        role: 'ADMIN',
        source: 'env',
      });
      expect(
        await ds.getRepository(OrderStatusHistory).findOneByOrFail({ orderId: order.id }),
      ).toMatchObject({ fromStatus: 'NEW', toStatus: 'ASSIGNED', masterId: master.id });
      expect(
        await ds.getRepository(AuditLog).findOneByOrFail({ entityId: order.id }),
      ).toMatchObject({
        details: { masterId: master.id },
      });
      expect(
        await ds.getRepository(OrderGroupMessage).findOneByOrFail({ orderId: order.id }),
      ).toMatchObject({ chatId: -1_001_234_567_890, messageId: 42, state: 'active' });
      expect(
        await ds.getRepository(Notification).findOneByOrFail({ kind: 'order_created' }),
      ).toMatchObject({
        state: 'pending',
        attempts: 0,
        payload: { orderId: order.id },
      });
      expect(
        await ds.getRepository(TelegramSession).findOneByOrFail({ key: '7000000001' }),
      ).toMatchObject({
        data: { step: 2 },
      });
      expect(
        await ds.getRepository(ProcessedUpdate).findOneByOrFail({ updateId: 900_000_000_001 }),
      ).toMatchObject({ updateId: 900_000_000_001 });
      expect(await ds.getRepository(JobRun).findOneByOrFail({ name: 'backup' })).toMatchObject({
        lastOutcome: 'ok',
        lastDurationMs: 12,
      });
    });

    it('keeps groups that answered 403 by their 64-bit chat id', async () => {
      await ds
        .getRepository(BlockedChat)
        .save({ chatId: -1_001_234_567_890, reason: 'kicked', blockedAt: new Date() });
      expect(
        await ds.getRepository(BlockedChat).findOneByOrFail({ chatId: -1_001_234_567_890 }),
      ).toMatchObject({
        reason: 'kicked',
      });
    });

    it('hides a soft-deleted order from ordinary reads but keeps the row', async () => {
      await ds.getRepository(Order).softDelete(order.id);
      expect(await ds.getRepository(Order).findOneBy({ id: order.id })).toBeNull();
      const kept = await ds
        .getRepository(Order)
        .findOne({ where: { id: order.id }, withDeleted: true });
      expect(kept?.deletedAt).toBeInstanceOf(Date);
    });
  });
});
