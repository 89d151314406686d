import { Global, Module } from '@nestjs/common';
import { OutboxPeople } from '../notifications/outbox-people';
import { MasterRepository } from './master.repository';
import { MastersService } from './masters.service';
import { UsersOutboxPeople } from './outbox-people';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

/**
 * Global, like `WebAuthModule`, for the port it provides: the outbox core asks about people
 * through `OutboxPeople` without importing `users/`.
 */
@Global()
@Module({
  providers: [
    UsersService,
    MastersService,
    UserRepository,
    MasterRepository,
    { provide: OutboxPeople, useClass: UsersOutboxPeople },
  ],
  exports: [UsersService, MastersService, UserRepository, MasterRepository, OutboxPeople],
})
export class UsersModule {}
