import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { UsersModule } from '../users/users.module';
import { IntakeService } from './intake.service';

/** Order intake from a group (docs/product.md §11): drafts from posts, confirmed into orders. */
@Module({
  imports: [UsersModule, OrdersModule],
  providers: [IntakeService],
  exports: [IntakeService],
})
export class IntakeModule {}
