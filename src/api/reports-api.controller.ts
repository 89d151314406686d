import { Get, Param, ParseIntPipe, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { OrderStatisticsService } from '../orders/order-statistics.service';
import type { ReportResult } from '../reports/report-file';
import { ReportsService } from '../reports/reports.service';
import { ApiController } from './http/api-controller.decorator';
import { PeriodQuery, periodOf } from './period';
import { periodLabel } from '../reports/report-labels';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `/api/v1/reports`: the bot's Excel files, streamed, and the period summary as JSON. */
@ApiController('reports', 'reports')
export class ReportsApiController {
  constructor(
    private readonly reports: ReportsService,
    private readonly statistics: OrderStatisticsService,
  ) {}

  @Get('summary')
  @ApiOperation({ summary: 'Created, closed, refused and money for a period, by type and status' })
  async summary(@Query() query: PeriodQuery) {
    const period = periodOf(this.reports, query);
    const [totals, byEquipmentType, byStatus] = await Promise.all([
      this.statistics.summary(period),
      this.statistics.byEquipmentType(period),
      this.statistics.byStatus(period),
    ]);
    return {
      period: { from: period.from, to: period.to, label: periodLabel(period.name) },
      ...totals,
      byEquipmentType,
      byStatus,
    };
  }

  @Get('summary.xlsx')
  @ApiProduces(XLSX)
  @ApiOperation({ summary: 'The summary workbook; 204 when the period has nothing' })
  async summaryFile(@Query() query: PeriodQuery, @Res({ passthrough: true }) response: Response) {
    return send(response, await this.reports.summary(periodOf(this.reports, query)));
  }

  @Get('master-statistics.xlsx')
  @ApiProduces(XLSX)
  async masterStatisticsFile(
    @Query() query: PeriodQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return send(response, await this.reports.masterStatistics(periodOf(this.reports, query)));
  }

  @Get('active-orders.xlsx')
  @ApiProduces(XLSX)
  async activeOrdersFile(@Res({ passthrough: true }) response: Response) {
    return send(response, await this.reports.activeOrders());
  }

  @Get('masters/:id/report.xlsx')
  @ApiProduces(XLSX)
  async masterFile(
    @Param('id', ParseIntPipe) id: number,
    @Query() query: PeriodQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return send(response, await this.reports.masterReport(id, periodOf(this.reports, query)));
  }
}

/** Streams the file and deletes it once sent (or abandoned); nothing to show is a 204. */
function send(response: Response, report: ReportResult): StreamableFile | undefined {
  if (report.kind === 'empty') {
    response.status(204);
    return undefined;
  }
  const stream = createReadStream(report.filePath);
  stream.on('close', () => void rm(report.filePath, { force: true }));
  return new StreamableFile(stream, {
    type: XLSX,
    disposition: `attachment; filename*=UTF-8''${encodeURIComponent(report.fileName)}`,
  });
}
