import { SchedulerRegistry } from '@nestjs/schedule';
import { loadBusinessConfig } from '../config/business-config';
import type { JobRunner, ScheduledJob } from './job-runner';
import { JobSchedule } from './job-schedule';
import { SchedulerRegistrar } from './scheduler.registrar';

// The order of JobSchedule's constructor, after the business config.
const JOB_NAMES = [
  'reminder.unassigned',
  'reminder.unaccepted',
  'reminder.sla',
  'reminder.visit',
  'report.evening',
  'report.daily',
  'report.weekly',
  'report.monthly',
  'report.masters_archive',
  'backup',
  'cleanup',
  'intake.expiry',
];

const HOUR = 3600_000;

/**
 * The registrar with the shipped business.yaml, real cron timers on jest's fake clock and a
 * runner that only records when each job was asked to run.
 */
function startScheduler(env: { TZ: string; SCHEDULER_DISABLED?: boolean }) {
  const business = loadBusinessConfig().config;
  if (!business) throw new Error('config/business.yaml does not load');
  const jobs: ScheduledJob[] = JOB_NAMES.map((name) => ({ name, run: () => Promise.resolve() }));
  const schedule = new (JobSchedule as unknown as new (...args: unknown[]) => JobSchedule)(
    business,
    ...jobs,
  );
  const fired = new Map<string, string[]>();
  const runner = {
    tick: (job: ScheduledJob) => {
      fired.set(job.name, [...(fired.get(job.name) ?? []), new Date().toISOString()]);
      return Promise.resolve('ran' as const);
    },
  };
  const config = { get: (key: keyof typeof env) => env[key] ?? false };
  const registry = new SchedulerRegistry();
  const registrar = new SchedulerRegistrar(
    registry,
    runner as unknown as JobRunner,
    schedule,
    config as never,
  );
  registrar.onApplicationBootstrap();
  return { fired, registry, registrar };
}

describe('SchedulerRegistrar', () => {
  let stop: (() => void) | undefined;

  afterEach(() => {
    stop?.();
    stop = undefined;
    jest.useRealTimers();
  });

  it('fires every cron job at its time in the business time zone, across midnight and a month end', () => {
    // Saturday 31 January 2026, 00:00 in Moscow (UTC+3) = 30 January 21:00 UTC.
    jest.useFakeTimers({ now: new Date('2026-01-30T21:00:00Z') });
    const { fired, registrar } = startScheduler({ TZ: 'Europe/Moscow' });
    stop = () => registrar.beforeApplicationShutdown();

    // Until Monday 2 February, 12:00 Moscow.
    jest.advanceTimersByTime(60 * HOUR);

    expect(fired.get('report.evening')).toEqual([
      '2026-01-31T18:30:00.000Z', // 21:30 Moscow
      '2026-02-01T18:30:00.000Z',
    ]);
    expect(fired.get('report.daily')).toEqual([
      '2026-01-31T05:00:00.000Z', // 08:00 Moscow
      '2026-02-01T05:00:00.000Z',
      '2026-02-02T05:00:00.000Z',
    ]);
    // Monday 09:00 only.
    expect(fired.get('report.weekly')).toEqual(['2026-02-02T06:00:00.000Z']);
    // The 1st at 10:00: once, after the month end.
    expect(fired.get('report.monthly')).toEqual(['2026-02-01T07:00:00.000Z']);
    // 1 February 02:00 in Moscow is still 31 January in UTC.
    expect(fired.get('report.masters_archive')).toEqual(['2026-01-31T23:00:00.000Z']);
    expect(fired.get('backup')).toEqual([
      '2026-01-31T00:00:00.000Z', // 03:00 Moscow
      '2026-02-01T00:00:00.000Z',
      '2026-02-02T00:00:00.000Z',
    ]);
    expect(fired.get('cleanup')).toHaveLength(3);
  });

  it('runs the reminders every few minutes as configured', () => {
    jest.useFakeTimers({ now: new Date('2026-01-30T21:00:00Z') });
    const { fired, registrar } = startScheduler({ TZ: 'Europe/Moscow' });
    stop = () => registrar.beforeApplicationShutdown();

    jest.advanceTimersByTime(2 * HOUR);

    // business.yaml: checks every 5 minutes, the SLA watch every 30.
    for (const name of ['reminder.unassigned', 'reminder.unaccepted', 'reminder.visit'])
      expect(fired.get(name)).toHaveLength(24);
    expect(fired.get('reminder.sla')).toHaveLength(4);
  });

  it('follows the configured zone, not the process one', () => {
    jest.useFakeTimers({ now: new Date('2026-03-31T12:00:00Z') });
    const { fired, registrar } = startScheduler({ TZ: 'Asia/Yekaterinburg' });
    stop = () => registrar.beforeApplicationShutdown();

    jest.advanceTimersByTime(24 * HOUR);

    // 08:00 and 1 April 10:00 in Yekaterinburg (UTC+5).
    expect(fired.get('report.daily')).toEqual(['2026-04-01T03:00:00.000Z']);
    expect(fired.get('report.monthly')).toEqual(['2026-04-01T05:00:00.000Z']);
    expect(registrar.nextRun('report.daily')).toEqual(new Date('2026-04-02T03:00:00.000Z'));
  });

  it('stops every timer on shutdown', () => {
    jest.useFakeTimers({ now: new Date('2026-01-30T21:00:00Z') });
    const { fired, registry, registrar } = startScheduler({ TZ: 'Europe/Moscow' });

    registrar.beforeApplicationShutdown();
    jest.advanceTimersByTime(48 * HOUR);

    expect(fired.size).toBe(0);
    expect(registry.getCronJobs().size + registry.getIntervals().length).toBe(0);
  });

  it('registers nothing on a replica with SCHEDULER_DISABLED', () => {
    jest.useFakeTimers({ now: new Date('2026-01-30T21:00:00Z') });
    const { fired, registry, registrar } = startScheduler({
      TZ: 'Europe/Moscow',
      SCHEDULER_DISABLED: true,
    });

    jest.advanceTimersByTime(48 * HOUR);

    expect(registrar.enabled).toBe(false);
    expect(fired.size).toBe(0);
    expect(registry.getCronJobs().size + registry.getIntervals().length).toBe(0);
    expect(registrar.nextRun('report.daily')).toBeNull();
  });
});
