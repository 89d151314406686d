import { ConfigService } from '@nestjs/config';
import { Scene } from 'nestjs-telegraf';
import type { Environment } from '../../config/environment';
import { parsePeriod } from '../../reports/report-period';
import { ReportsService } from '../../reports/reports.service';
import { reportsMenuTexts as t } from '../../texts/ru/reports-menu';
import { BotHandlers } from '../bot-handlers.decorator';
import { ReportSender } from '../reports/report-sender';
import { askInDialog } from './ask-in-dialog';
import { END, StepDialog, withLead } from './step-dialog';
import { reasonText } from '../../texts/ru/reasons';

/** «📅 Выбрать период»: a typed range of dates, asked again until it parses. */
@Scene('report-period')
@BotHandlers()
export class ReportPeriodScene extends StepDialog<'report-period', 'period'> {
  constructor(
    private readonly reports: ReportsService,
    private readonly sender: ReportSender,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super();
  }

  protected scene = 'report-period' as const;
  protected first = 'period' as const;
  protected steps = {
    period: this.step({
      ask: (ctx, _state, lead) => askInDialog(ctx, withLead(lead, t.askPeriod)),
      parse: (text: string) => {
        const parsed = parsePeriod(text, this.config.get('TZ', { infer: true }));
        return parsed.ok
          ? { ok: true, value: parsed.period }
          : { ok: false, problem: reasonText(parsed) };
      },
      next: async (ctx, { report }, period) => {
        await ctx.scene.leave();
        await this.sender.send(ctx, () =>
          report === 'ms' ? this.reports.masterStatistics(period) : this.reports.summary(period),
        );
        return END;
      },
    }),
  };
}
