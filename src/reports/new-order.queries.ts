import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrderStatus } from '../orders/order-status';
import { liveOrders } from '../orders/order.repository';
import { countBy, CountOf } from './count-by';
import type { ReportPeriod } from './report-period';
import { instantParameter } from './sql-values';

/** Orders created in a period, by their status now or their equipment type (the evening summary). */
@Injectable()
export class NewOrderQueries {
  constructor(private readonly dataSource: DataSource) {}

  byStatus(period: ReportPeriod): Promise<CountOf<OrderStatus>[]> {
    return countBy(this.created(period), 'o.status', (value) => String(value) as OrderStatus);
  }

  byEquipmentType(period: ReportPeriod): Promise<CountOf<string>[]> {
    return countBy(this.created(period), 'o.equipment_type', String);
  }

  private created(period: ReportPeriod) {
    return liveOrders(this.dataSource).where('o.created_at >= :from AND o.created_at < :to', {
      from: instantParameter(this.dataSource, period.from),
      to: instantParameter(this.dataSource, period.to),
    });
  }
}
