import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { SchedulerModule } from '../../src/scheduler/scheduler.module';
import { TelegramMessageFitModule } from '../../src/telegram/outbox/telegram-message-fit';
import { domainImports } from './domain-app';
import type { TestDatabase } from './test-database';

/** The scheduler's clock under the spec's control. */
export class FakeClock extends Clock {
  at = new Date(0);
  override now(): Date {
    return new Date(this.at);
  }
}

/** One copy of the service's domain and scheduler on `db`; start two for two replicas. */
export interface SchedulerReplica {
  module: TestingModule;
  clock: FakeClock;
  dataSource: DataSource;
  get<T>(type: new (...args: never[]) => T): T;
}

export async function startSchedulerReplica(db: TestDatabase): Promise<SchedulerReplica> {
  const clock = new FakeClock();
  const module = await Test.createTestingModule({
    // The scheduler cuts long reminder lists as the Telegram channel words them.
    imports: [...domainImports(db), SchedulerModule, TelegramMessageFitModule],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  await module.init();
  return { module, clock, dataSource: module.get(DataSource), get: (type) => module.get(type) };
}
