import { Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { OrderStatisticsService } from '../orders/order-statistics.service';
import { ReportsService } from '../reports/reports.service';
import type { Master } from '../users/master.repository';
import { MastersService } from '../users/masters.service';
import { displayName } from '../users/users.service';
import { ApiController } from './http/api-controller.decorator';
import { fail } from './http/problem';
import { PeriodQuery, periodOf } from './period';
import { periodLabel } from '../reports/report-labels';

const masterView = (master: Master, activeOrders: number) => ({
  id: master.id,
  name: master.user ? displayName(master.user) : `#${master.id}`,
  telegramId: master.user?.telegramId ?? null,
  phone: master.phone,
  specialization: master.specialization,
  isActive: master.isActive,
  isSenior: master.isSenior,
  workGroup: master.workChatId ? { chatId: master.workChatId, title: master.workChatTitle } : null,
  activeOrders,
});

/** `/api/v1/masters`: who can take orders, how loaded they are, how they did. */
@ApiController('masters', 'masters')
export class MastersApiController {
  constructor(
    private readonly masters: MastersService,
    private readonly statistics: OrderStatisticsService,
    private readonly reports: ReportsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Masters not fired, with their active orders and work group' })
  async list() {
    const [masters, counts] = await Promise.all([
      this.masters.listCurrent(),
      this.statistics.countsByMaster(this.reports.period('today')),
    ]);
    return { items: masters.map((m) => masterView(m, counts.get(m.id)?.active ?? 0)) };
  }

  @Get(':id')
  async get(@Param('id', ParseIntPipe) id: number) {
    const master = await this.masters.getCurrent(id);
    if (!master) throw fail(404, 'not_found', `Master #${id} does not exist or was fired.`);
    const counts = await this.statistics.countsByMaster(this.reports.period('today'));
    return masterView(master, counts.get(id)?.active ?? 0);
  }

  @Get(':id/statistics')
  @ApiOperation({ summary: 'The master’s statistics for a period, as in the bot' })
  async statisticsOf(@Param('id', ParseIntPipe) id: number, @Query() query: PeriodQuery) {
    if (!(await this.masters.getCurrent(id))) {
      throw fail(404, 'not_found', `Master #${id} does not exist or was fired.`);
    }
    const period = periodOf(this.reports, query);
    return {
      period: { from: period.from, to: period.to, label: periodLabel(period.name) },
      ...(await this.statistics.forMaster(id, period)),
    };
  }
}
