import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxPeople } from '../notifications/outbox-people';
import { User } from './user.entity';
import { UsersService } from './users.service';

/** The outbox's questions about people, answered from the users' rows. */
@Injectable()
export class UsersOutboxPeople implements OutboxPeople {
  constructor(private readonly users: UsersService) {}

  async blocksBot(tx: EntityManager, chatId: number): Promise<boolean> {
    const user = await tx.findOne(User, {
      where: { telegramId: chatId },
      select: { id: true, blockedBot: true },
    });
    return user?.blockedBot ?? false;
  }

  async markBlocksBot(tx: EntityManager, chatId: number): Promise<void> {
    await tx.update(User, { telegramId: chatId }, { blockedBot: true });
  }

  adminChats(tx: EntityManager): Promise<number[]> {
    return this.users.chatIdsWithRole(tx, ['ADMIN']);
  }
}
