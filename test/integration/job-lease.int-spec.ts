import { AuditLog } from '../../src/audit/audit-log.entity';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { JobRun } from '../../src/scheduler/job-run.entity';
import { JobRunner, ScheduledJob } from '../../src/scheduler/job-runner';
import { SchedulerReplica, startSchedulerReplica } from '../support/scheduler-replica';
import { createTestDatabase, dialectUnderTest, TestDatabase } from '../support/test-database';

/**
 * One writer (docs/architecture.md): a job's lease and outcome are written through
 * `TransactionRunner`. On SQLite's single connection a lease written beside it while a use case's
 * transaction is open would join that transaction and be rolled back with it.
 */
describe(`job leases beside a failing use case on ${dialectUnderTest()}`, () => {
  let db: TestDatabase;
  let replica: SchedulerReplica;

  beforeAll(async () => {
    db = await createTestDatabase();
    replica = await startSchedulerReplica(db);
    replica.clock.at = new Date('2026-03-01T09:00:00Z');
  });

  afterAll(async () => {
    await replica?.module.close();
    await db?.drop();
  });

  it('keeps the lease and the outcome a tick wrote while a use case was failing', async () => {
    let enterUseCase!: () => void;
    const useCaseWrote = new Promise<void>((resolve) => (enterUseCase = resolve));
    let failUseCase!: () => void;
    const useCaseMayFail = new Promise<void>((resolve) => (failUseCase = resolve));
    const failing = replica
      .get(TransactionRunner)
      .run(async (tx) => {
        await tx
          .getRepository(AuditLog)
          .insert({ action: 'lease-spec', entityType: 'spec', details: {} });
        enterUseCase();
        await useCaseMayFail;
        throw new Error('the use case fails after writing');
      })
      .catch((error: unknown) => error);
    await useCaseWrote;

    const ran: Date[] = [];
    const job: ScheduledJob = { name: 'lease-spec', run: async (now) => void ran.push(now) };
    const tick = replica.get(JobRunner).tick(job, 60_000);
    // Time for the tick to write its lease and outcome, if it could, inside the open transaction.
    await new Promise((resolve) => setTimeout(resolve, 200));
    failUseCase();

    expect(await failing).toBeInstanceOf(Error);
    expect(await tick).toBe('ran');
    expect(ran).toEqual([replica.clock.at]);
    expect(await replica.dataSource.getRepository(AuditLog).countBy({ action: 'lease-spec' })).toBe(
      0,
    );
    const row = await replica.dataSource.getRepository(JobRun).findOneBy({ name: 'lease-spec' });
    expect(row).toMatchObject({
      leaseOwner: replica.get(JobRunner).owner,
      leaseUntil: new Date(replica.clock.at.getTime() + 60_000),
      lastOutcome: 'ok',
    });
    // The lease holds: a second replica's tick in the same period finds it taken.
    const other = await startSchedulerReplica(db);
    try {
      other.clock.at = new Date(replica.clock.at.getTime() + 1000);
      expect(await other.get(JobRunner).tick(job, 60_000)).toBe('skipped');
    } finally {
      await other.module.close();
    }
  });
});
