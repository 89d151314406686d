import { Module } from '@nestjs/common';
import { OrderRepository } from './order.repository';

/** The order reads other modules use; apart from `OrdersModule`, which itself needs `users`. */
@Module({ providers: [OrderRepository], exports: [OrderRepository] })
export class OrderRepositoryModule {}
