import { ConfigService } from '@nestjs/config';
import { Ctx, On, Scene, SceneEnter } from 'nestjs-telegraf';
import type { Environment } from '../../config/environment';
import { parsePeriod } from '../../reports/report-period';
import { ReportsService } from '../../reports/reports.service';
import { reportsMenuTexts as t } from '../../texts/ru/reports-menu';
import type { BotContext } from '../bot-context';
import { BotHandlers } from '../bot-handlers.decorator';
import { textOf } from '../replies';
import { ReportSender } from '../reports/report-sender';
import { askInDialog } from './ask-in-dialog';
import { sceneState } from './scene-registry';

/** «📅 Выбрать период»: a typed range of dates, asked again until it parses. */
@Scene('report-period')
@BotHandlers()
export class ReportPeriodScene {
  constructor(
    private readonly reports: ReportsService,
    private readonly sender: ReportSender,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @SceneEnter()
  async onEnter(@Ctx() ctx: BotContext) {
    await askInDialog(ctx, t.askPeriod);
  }

  @On('text')
  async onPeriod(@Ctx() ctx: BotContext) {
    const parsed = parsePeriod(textOf(ctx) ?? '', this.config.get('TZ', { infer: true }));
    if (!parsed.ok) {
      await askInDialog(ctx, `${parsed.message}\n\n${t.askPeriod}`);
      return;
    }
    const { report } = sceneState(ctx, 'report-period');
    await ctx.scene.leave();
    await this.sender.send(ctx, () =>
      report === 'ms'
        ? this.reports.masterStatistics(parsed.period)
        : this.reports.summary(parsed.period),
    );
  }
}
