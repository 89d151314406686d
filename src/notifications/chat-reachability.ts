import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BlockedChat } from './blocked-chat.entity';
import { OutboxPeople } from './outbox-people';

/**
 * Chats that answered 403 get nothing more: a user who blocked the bot (until they write to it
 * again, see `UsersService.ensureUser`), or a group the bot was removed from.
 */
@Injectable()
export class ChatReachability {
  constructor(private readonly people: OutboxPeople) {}

  isBlocked(tx: EntityManager, chatId: number): Promise<boolean> {
    if (isPrivate(chatId)) return this.people.blocksBot(tx, chatId);
    return tx.existsBy(BlockedChat, { chatId });
  }

  async markBlocked(tx: EntityManager, chatId: number, reason: string): Promise<void> {
    if (isPrivate(chatId)) return this.people.markBlocksBot(tx, chatId);
    await tx.upsert(BlockedChat, { chatId, reason, blockedAt: new Date() }, ['chatId']);
  }

  /** The bot was added back to a group: deliver to it again. */
  async markReachable(tx: EntityManager, chatId: number): Promise<void> {
    await tx.delete(BlockedChat, { chatId });
  }
}

/** Private chats have the user's (positive) id; groups and supergroups negative ones. */
export const isPrivate = (chatId: number) => chatId > 0;
