import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { OrderListQueries } from './order-list.queries';
import { OrderRepositoryModule } from './order-repository.module';
import { OrderInput } from './order-input';
import { OrderMoney } from './order-money';
import { OrderNotifier } from './order-notifier';
import { OrderWrites } from './order-writes';
import { OrderQueriesService } from './order-queries.service';
import { OrderSearchService } from './order-search.service';
import { OrderStatisticsService } from './order-statistics.service';
import { OrdersService } from './orders.service';

@Module({
  imports: [UsersModule, OrderRepositoryModule],
  providers: [
    OrdersService,
    OrderNotifier,
    OrderInput,
    OrderMoney,
    OrderWrites,
    OrderQueriesService,
    OrderListQueries,
    OrderSearchService,
    OrderStatisticsService,
  ],
  exports: [
    OrderRepositoryModule,
    OrdersService,
    OrderQueriesService,
    OrderListQueries,
    OrderSearchService,
    OrderStatisticsService,
  ],
})
export class OrdersModule {}
