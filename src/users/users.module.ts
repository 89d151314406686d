import { Module } from '@nestjs/common';
import { MastersService } from './masters.service';
import { UsersService } from './users.service';

@Module({
  providers: [UsersService, MastersService],
  exports: [UsersService, MastersService],
})
export class UsersModule {}
