import { Global, Module } from '@nestjs/common';
import { MasterLoads } from '../users/master-loads';
import { OrderRepository } from './order.repository';

/**
 * The order reads other modules use; apart from `OrdersModule`, which itself needs `users`.
 * Global for the port it provides to `users/` (`MasterLoads`), which must not import `orders/`.
 */
@Global()
@Module({
  providers: [OrderRepository, { provide: MasterLoads, useExisting: OrderRepository }],
  exports: [OrderRepository, MasterLoads],
})
export class OrderRepositoryModule {}
