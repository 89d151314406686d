import { Module } from '@nestjs/common';
import { MasterRepository } from './master.repository';
import { MastersService } from './masters.service';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

@Module({
  providers: [UsersService, MastersService, UserRepository, MasterRepository],
  exports: [UsersService, MastersService, UserRepository, MasterRepository],
})
export class UsersModule {}
