import { Controller, Get, Param, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { rm } from 'node:fs/promises';
import { PERIOD_PRESETS } from '../../reports/report-period';
import type { ReportResult } from '../../reports/report-file';
import { ReportsService } from '../../reports/reports.service';
import type { WebVisitor } from '../auth/web-auth.service';
import { Visitor, WebGuard } from '../auth/web-guard';
import { flashOf } from '../views/layout';
import { reportsPage } from '../views/reports.view';
import { WebExceptionFilter } from '../web-exception.filter';
import { ChartQueries } from './chart.queries';
import { periodLabel } from '../../reports/report-labels';
import { reasonText } from '../../texts/ru/reasons';
import { reportNoteText } from '../../texts/ru/report-summary';

const DEFAULT_PERIOD = 'this_month';

/** Reports for dispatchers and admins, as «📊 Отчеты» in the bot, plus charts. */
@Controller('web/reports')
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly charts: ChartQueries,
  ) {}

  @Get()
  async page(
    @Visitor() visitor: WebVisitor,
    @Query('period') periodParam = DEFAULT_PERIOD,
    @Query('error') error?: string,
  ) {
    const chosen = this.period(periodParam);
    const shown = chosen.ok ? chosen : this.period(DEFAULT_PERIOD);
    if (!shown.ok) throw new Error('the default period must parse');
    const charts = await this.charts.forPeriod(shown.period);
    return reportsPage(
      visitor,
      {
        periodParam: chosen.ok ? periodParam : DEFAULT_PERIOD,
        preset: PERIOD_PRESETS.find((p) => p === (chosen.ok ? periodParam : DEFAULT_PERIOD)),
        label: periodLabel(shown.period.name),
        charts,
      },
      flashOf(undefined, chosen.ok ? error : reasonText(chosen)),
    ).value;
  }

  /** The same xlsx files the bot sends; an empty period says so on the page instead. */
  @Get('download/:kind')
  async download(
    @Param('kind') kind: string,
    @Query('period') periodParam = DEFAULT_PERIOD,
    @Res() response: Response,
  ) {
    const chosen = this.period(periodParam);
    if (!chosen.ok) return this.back(response, periodParam, reasonText(chosen));
    const result: ReportResult =
      kind === 'summary'
        ? await this.reports.summary(chosen.period)
        : kind === 'masters'
          ? await this.reports.masterStatistics(chosen.period)
          : await this.reports.activeOrders();
    if (result.kind === 'empty') {
      return this.back(response, periodParam, reportNoteText(result.note));
    }
    response.download(result.filePath, result.fileName, () => {
      void rm(result.filePath, { force: true });
    });
  }

  private period(param: string) {
    const preset = PERIOD_PRESETS.find((p) => p === param);
    if (preset) return { ok: true as const, period: this.reports.period(preset) };
    return this.reports.parsePeriod(param.slice(0, 60));
  }

  private back(response: Response, period: string, text: string) {
    response.redirect(
      303,
      `/web/reports?period=${encodeURIComponent(period)}&error=${encodeURIComponent(text)}`,
    );
  }
}
