import { Action, Ctx, Hears, Update } from 'nestjs-telegraf';
import { Markup } from 'telegraf';
import type { PeriodPreset } from '../../reports/report-period';
import { ReportsService } from '../../reports/reports.service';
import { botTexts } from '../../texts/ru/bot';
import { reportsMenuTexts as t } from '../../texts/ru/reports-menu';
import type { BotContext } from '../bot-context';
import { BotHandlers } from '../bot-handlers.decorator';
import { buttons } from '../buttons';
import { Roles } from '../guards/roles.decorator';
import { ReportSender } from '../reports/report-sender';
import { enterScene } from '../scenes/scene-registry';

const PRESET_LABELS: Record<PeriodPreset, string> = {
  today: t.today,
  yesterday: t.yesterday,
  this_week: t.thisWeek,
  previous_week: t.previousWeek,
  this_month: t.thisMonth,
  previous_month: t.previousMonth,
};

/** Which periods each report offers (the current one, the previous one, or a picked range). */
const REPORT_PERIODS: Record<'sum' | 'ms', Record<string, PeriodPreset[]>> = {
  sum: {
    daily: ['today', 'yesterday'],
    weekly: ['this_week', 'previous_week'],
    monthly: ['this_month', 'previous_month'],
  },
  ms: { masters: ['this_month', 'previous_month'] },
};

/** A menu row that opens a report's periods. */
const periodsRow = (label: string, periods: Parameters<typeof buttons.reportPeriods.build>[0]) => [
  Markup.button.callback(label, buttons.reportPeriods.build(periods)),
];

/** «📊 Отчеты» (docs/product.md §10): the reports menu for admins and dispatchers. */
@Update()
@BotHandlers()
@Roles('ADMIN', 'DISPATCHER')
export class ReportsMenuUpdate {
  constructor(
    private readonly reports: ReportsService,
    private readonly sender: ReportSender,
  ) {}

  @Hears(botTexts.buttons.reports)
  async onMenu(@Ctx() ctx: BotContext) {
    await ctx.reply(
      t.menu,
      Markup.inlineKeyboard([
        [Markup.button.callback(t.active, buttons.activeReport.build())],
        periodsRow(t.daily, { kind: 'sum', report: 'daily' }),
        periodsRow(t.weekly, { kind: 'sum', report: 'weekly' }),
        periodsRow(t.monthly, { kind: 'sum', report: 'monthly' }),
        periodsRow(t.masters, { kind: 'ms', report: 'masters' }),
      ]),
    );
  }

  @Action(buttons.activeReport.pattern)
  async onActive(@Ctx() ctx: BotContext) {
    await ctx.answerCbQuery();
    await this.sender.send(ctx, () => this.reports.activeOrders());
  }

  @Action(buttons.reportPeriods.pattern)
  async onPeriods(@Ctx() ctx: BotContext) {
    const button = buttons.reportPeriods.parse(ctx);
    const presets = button && REPORT_PERIODS[button.kind][button.report];
    if (!presets) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    const { kind, report } = button;
    await ctx.answerCbQuery();
    const rows = presets.map((preset) => [
      Markup.button.callback(PRESET_LABELS[preset], buttons.report.build({ kind, preset })),
    ]);
    if (report === 'monthly')
      rows.push([Markup.button.callback(t.pickPeriod, buttons.pickReportPeriod.build({ kind }))]);
    await ctx.reply(t.whichPeriod, Markup.inlineKeyboard(rows));
  }

  @Action(buttons.report.pattern)
  async onReport(@Ctx() ctx: BotContext) {
    const button = buttons.report.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    await ctx.answerCbQuery();
    const period = this.reports.period(button.preset);
    await this.sender.send(ctx, () =>
      button.kind === 'ms' ? this.reports.masterStatistics(period) : this.reports.summary(period),
    );
  }

  @Action(buttons.pickReportPeriod.pattern)
  async onPickPeriod(@Ctx() ctx: BotContext) {
    const button = buttons.pickReportPeriod.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    await ctx.answerCbQuery();
    await enterScene(ctx, 'report-period', { report: button.kind });
  }
}
