import { Module } from '@nestjs/common';
import { OrderRepositoryModule } from '../orders/order-repository.module';
import { MasterRepository } from './master.repository';
import { MastersService } from './masters.service';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

@Module({
  imports: [OrderRepositoryModule],
  providers: [UsersService, MastersService, UserRepository, MasterRepository],
  exports: [UsersService, MastersService, UserRepository, MasterRepository],
})
export class UsersModule {}
