import { IntakeModule } from '../../src/intake/intake.module';
import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfigModule } from '../../src/config/app-config.module';
import { AuditModule } from '../../src/audit/audit.module';
import { ClockModule } from '../../src/common/clock';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { TransactionModule } from '../../src/database/transaction.module';
import { HealthModule } from '../../src/health/health.module';
import { OutboxModule } from '../../src/notifications/outbox.module';
import { OrdersModule } from '../../src/orders/orders.module';
import type { NewOrderInput } from '../../src/orders/orders.service';
import type { ActorWithRights } from '../../src/users/actor';
import { MastersService } from '../../src/users/masters.service';
import { UsersModule } from '../../src/users/users.module';
import { UsersService } from '../../src/users/users.service';
import { WebhookOutboxModule } from '../../src/webhooks/webhook-outbox.module';
import { createTestDatabase, TestDatabase } from './test-database';
import { TEST_ADMIN_ID } from './test-env';
import { reasonText } from '../../src/texts/ru/reasons';

export { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from './test-env';

/** The domain modules on a fresh, migrated database of the dialect under test. No Telegram. */
export interface DomainApp {
  module: TestingModule;
  db: TestDatabase;
  dataSource: DataSource;
  get<T>(type: new (...args: never[]) => T): T;
  actor(telegramId: number): Promise<ActorWithRights>;
  close(): Promise<void>;
}

/** The config, the migrated database and the domain modules: what every domain spec starts from. */
export const domainImports = (db: TestDatabase) => [
  AppConfigModule.forRoot(),
  ClockModule,
  TypeOrmModule.forRoot({ ...dataSourceOptions(db.settings), migrationsRun: true }),
  TransactionModule,
  // Health checks and metrics: every module may register into them.
  HealthModule,
  AuditModule,
  OutboxModule,
  // The orders' events for other systems: the application gets it through `WebhooksModule`.
  WebhookOutboxModule,
  UsersModule,
  OrdersModule,
  IntakeModule,
];

export async function createDomainApp(): Promise<DomainApp> {
  const db = await createTestDatabase();
  const module = await Test.createTestingModule({ imports: domainImports(db) }).compile();
  await module.init();
  const users = module.get(UsersService);
  return {
    module,
    db,
    dataSource: module.get(DataSource),
    get: (type) => module.get(type),
    async actor(telegramId) {
      return users.upsertFromTelegram({ id: telegramId, first_name: `User${telegramId}` });
    },
    async close() {
      await module.close();
      await db.drop();
    },
  };
}

/** Adds a master with a work group, acting as the env admin; returns the master's actor. */
export async function addMaster(
  app: DomainApp,
  telegramId: number,
  options: { workChatId?: number | null; specialization?: string } = {},
) {
  const admin = await app.actor(TEST_ADMIN_ID);
  await app.actor(telegramId);
  const masters = app.get(MastersService);
  const added = await masters.add(
    {
      telegramId,
      phone: `+7900${String(telegramId).padStart(7, '0')}`,
      specialization: options.specialization ?? 'Холодильники',
    },
    admin,
  );
  if (!added.ok) throw new Error(reasonText(added));
  const workChatId =
    options.workChatId === undefined ? -100_000_000_000 - telegramId : options.workChatId;
  if (workChatId !== null) {
    const bound = await masters.bindWorkGroup(
      added.value.id,
      { id: workChatId, title: `Группа ${telegramId}`, type: 'supergroup' },
      admin,
    );
    if (!bound.ok) throw new Error(reasonText(bound));
  }
  return { master: added.value, workChatId, actor: await app.actor(telegramId) };
}

/** A valid order as a dispatcher would type it. */
export const ORDER_DRAFT: NewOrderInput = {
  equipmentType: 'Холодильники',
  problem: 'Не морозит морозилка',
  clientName: 'Анна Сергеевна',
  clientAddress: 'ул. Ленина, д. 5, кв. 12',
  clientPhone: '+7 900 111-22-33',
  notes: null,
  arrivalText: 'Уточнить время у клиента',
};
