import { Injectable, Logger } from '@nestjs/common';
import { readFile, rm } from 'node:fs/promises';
import { TransactionRunner } from '../database/transaction-runner';
import { Outbox, toEachChat } from '../notifications/outbox';
import type { ReportResult } from '../reports/report-file';
import type { PeriodPreset, ReportPeriod } from '../reports/report-period';
import type { ReportSummary } from '../reports/report-summary';
import { ReportsService } from '../reports/reports.service';
import { MasterRepository } from '../users/master.repository';
import { UsersService } from '../users/users.service';
import { AdminAlerts } from './admin-alerts';
import type { ScheduledJob } from './job-runner';

/** Who gets a report: every admin and dispatcher, or given chats. */
type Recipients = 'staff' | number[];

/**
 * Sends a scheduled report through the outbox, so it is retried, paced and survives restarts
 * like any notification: the file is stored once (`Outbox.attach`), then each chat gets the
 * document followed by its summary. `key` names the report (job and period): a second run for
 * the same period queues nothing new.
 */
@Injectable()
export class ReportDispatch {
  constructor(
    private readonly db: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly users: UsersService,
  ) {}

  async send(key: string, to: Recipients, report: ReportResult | ReportSummary): Promise<void> {
    // A summary alone (the evening one) is a text without a file.
    const result = 'note' in report ? report : null;
    const note = 'note' in report ? report.note : report;
    try {
      const file =
        result?.kind === 'file'
          ? { key, fileName: result.fileName, content: await readFile(result.filePath) }
          : null;
      await this.db.run(async (tx) => {
        const chats = to === 'staff' ? await this.users.chatIdsWithRole(tx, STAFF) : to;
        if (!chats.length) return;
        const attachmentId = file && (await this.outbox.attach(tx, file));
        const documents = attachmentId
          ? toEachChat(chats, {
              kind: 'document',
              payload: { attachmentId },
              key: `${key}:file`,
            })
          : [];
        const texts = toEachChat(chats, {
          kind: 'report.text',
          payload: { note },
          key: `${key}:text`,
        });
        // The sender keeps each chat's rows in id order, so the summary follows its file.
        await this.outbox.enqueue(tx, [...documents, ...texts]);
      });
    } finally {
      if (result?.kind === 'file') await rm(result.filePath, { force: true });
    }
  }
}

const STAFF = ['ADMIN' as const, 'DISPATCHER' as const];

/** A period's key in a report's name: its first instant, which no other period shares. */
const periodKey = (job: string, from: Date) => `${job}:${from.toISOString()}`;

/** A report of a period around the tick → admins and dispatchers; a failure → admins. */
@Injectable()
export abstract class PeriodReportJob implements ScheduledJob {
  abstract readonly name: string;
  protected abstract readonly preset: PeriodPreset;

  constructor(
    protected readonly reports: ReportsService,
    private readonly dispatch: ReportDispatch,
    private readonly alerts: AdminAlerts,
  ) {}

  run(now: Date): Promise<void> {
    return this.alerts.tellIfReportFails(this.name, now, async () => {
      const period = this.reports.period(this.preset, now);
      const report = await this.build(period);
      await this.dispatch.send(periodKey(this.name, period.from), 'staff', report);
    });
  }

  /** The summary of the previous day, week or month: text + Excel. */
  protected build(period: ReportPeriod): Promise<ReportResult | ReportSummary> {
    return this.reports.summary(period);
  }
}

/** The evening summary: today's new orders by status and type, as text. */
@Injectable()
export class EveningSummaryJob extends PeriodReportJob {
  readonly name = 'report.evening';
  protected readonly preset = 'today';

  protected override build(period: ReportPeriod): Promise<ReportSummary> {
    return this.reports.eveningSummary(period);
  }
}

@Injectable()
export class DailyReportJob extends PeriodReportJob {
  readonly name = 'report.daily';
  protected readonly preset = 'yesterday';
}

@Injectable()
export class WeeklyReportJob extends PeriodReportJob {
  readonly name = 'report.weekly';
  protected readonly preset = 'previous_week';
}

@Injectable()
export class MonthlyReportJob extends PeriodReportJob {
  readonly name = 'report.monthly';
  protected readonly preset = 'previous_month';
}

/**
 * Each master's own report of the previous month → that master, privately. Masters without
 * closed orders in the month get nothing; fired masters and those who blocked the bot are
 * skipped. One master's failure does not stop the others; the run is then recorded as failed
 * and the admins are told which masters' archives were not sent.
 */
@Injectable()
export class MastersArchiveJob implements ScheduledJob {
  readonly name = 'report.masters_archive';
  private readonly logger = new Logger(MastersArchiveJob.name);

  constructor(
    private readonly db: TransactionRunner,
    private readonly reports: ReportsService,
    private readonly dispatch: ReportDispatch,
    private readonly alerts: AdminAlerts,
    private readonly masters: MasterRepository,
  ) {}

  run(now: Date): Promise<void> {
    return this.alerts.tellIfReportFails(this.name, now, () => this.sendArchives(now));
  }

  private async sendArchives(now: Date): Promise<void> {
    const period = this.reports.period('previous_month', now);
    const masters = await this.db.run((tx) => this.masters.unfiredWithUsers(tx));
    const failed: string[] = [];
    for (const master of masters) {
      if (!master.user || master.user.blockedBot) continue;
      try {
        const report = await this.reports.masterReport(master.id, period);
        if (report.kind === 'empty') continue;
        const key = `${periodKey(this.name, period.from)}:master:${master.id}`;
        await this.dispatch.send(key, [master.user.telegramId], report);
      } catch (error) {
        this.logger.error(`archive of master ${master.id} failed: ${(error as Error).message}`);
        failed.push(`master ${master.id}: ${(error as Error).message}`);
      }
    }
    if (failed.length) throw new Error(`archives not sent: ${failed.join('; ')}`);
  }
}
