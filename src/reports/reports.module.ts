import { Module } from '@nestjs/common';
import { ActiveOrderQueries } from './active-order.queries';
import { ClosedOrderQueries } from './closed-order.queries';
import { MasterQueries } from './master.queries';
import { NewOrderQueries } from './new-order.queries';
import { ReportsService } from './reports.service';

/** Excel reports (docs/product.md §10). Needs the global `ConfigService` and TypeORM's `DataSource`. */
@Module({
  providers: [
    ReportsService,
    ClosedOrderQueries,
    ActiveOrderQueries,
    MasterQueries,
    NewOrderQueries,
  ],
  exports: [ReportsService],
})
export class ReportsModule {}
