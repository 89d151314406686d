import { ConfigService } from '@nestjs/config';
import { Action, Ctx, Hears, Update } from 'nestjs-telegraf';
import { Markup } from 'telegraf';
import type { Environment } from '../../config/environment';
import { PERIOD_PRESETS, PeriodPreset, presetPeriod } from '../../reports/report-period';
import { ReportsService } from '../../reports/reports.service';
import { botTexts } from '../../texts/ru/bot';
import { reportsMenuTexts as t } from '../../texts/ru/reports-menu';
import type { BotContext } from '../bot-context';
import { BotHandlers } from '../bot-handlers.decorator';
import { callback, parseCallback } from '../callback-data';
import { Roles } from '../guards/roles.decorator';
import { ReportSender } from '../reports/report-sender';

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

/** «📊 Отчеты» (docs/product.md §10): the reports menu for admins and dispatchers. */
@Update()
@BotHandlers()
@Roles('ADMIN', 'DISPATCHER')
export class ReportsMenuUpdate {
  constructor(
    private readonly reports: ReportsService,
    private readonly sender: ReportSender,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @Hears(botTexts.buttons.reports)
  async onMenu(@Ctx() ctx: BotContext) {
    await ctx.reply(
      t.menu,
      Markup.inlineKeyboard([
        [Markup.button.callback(t.active, callback('rp', 'active'))],
        [Markup.button.callback(t.daily, callback('rp', 'periods', 'sum', 'daily'))],
        [Markup.button.callback(t.weekly, callback('rp', 'periods', 'sum', 'weekly'))],
        [Markup.button.callback(t.monthly, callback('rp', 'periods', 'sum', 'monthly'))],
        [Markup.button.callback(t.masters, callback('rp', 'periods', 'ms', 'masters'))],
      ]),
    );
  }

  @Action('rp:active')
  async onActive(@Ctx() ctx: BotContext) {
    await ctx.answerCbQuery();
    await this.sender.send(ctx, () => this.reports.activeOrders());
  }

  @Action(/^rp:periods:(sum|ms):[a-z]+$/)
  async onPeriods(@Ctx() ctx: BotContext) {
    const [kind, report] = parseCallback(dataOf(ctx))?.args ?? [];
    const presets = REPORT_PERIODS[kind as 'sum' | 'ms']?.[report];
    if (!presets) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    await ctx.answerCbQuery();
    const rows = presets.map((preset) => [
      Markup.button.callback(PRESET_LABELS[preset], callback('rp', kind, preset)),
    ]);
    if (report === 'monthly')
      rows.push([Markup.button.callback(t.pickPeriod, callback('rp', 'pick', kind))]);
    await ctx.reply(t.whichPeriod, Markup.inlineKeyboard(rows));
  }

  @Action(/^rp:(sum|ms):[a-z_]+$/)
  async onReport(@Ctx() ctx: BotContext) {
    const parsed = parseCallback(dataOf(ctx));
    const preset = parsed?.args[0] as PeriodPreset;
    if (!PERIOD_PRESETS.includes(preset))
      return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    await ctx.answerCbQuery();
    const period = presetPeriod(preset, this.config.get('TZ', { infer: true }));
    await this.sender.send(ctx, () =>
      parsed?.action === 'ms'
        ? this.reports.masterStatistics(period)
        : this.reports.summary(period),
    );
  }

  @Action(/^rp:pick:(sum|ms)$/)
  async onPickPeriod(@Ctx() ctx: BotContext) {
    await ctx.answerCbQuery();
    await ctx.scene.enter('report-period', { report: parseCallback(dataOf(ctx))?.args[0] });
  }
}

const dataOf = (ctx: BotContext) =>
  ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
