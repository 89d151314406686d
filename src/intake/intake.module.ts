import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { UsersModule } from '../users/users.module';
import { IntakeReader } from './intake.reader';
import { IntakeService } from './intake.service';

/** Order intake from a group (docs/product.md §11): drafts from posts, confirmed into orders. */
@Module({
  imports: [UsersModule, OrdersModule],
  providers: [IntakeReader, IntakeService],
  exports: [IntakeReader, IntakeService],
})
export class IntakeModule {}
