import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { User } from '../users/user.entity';
import { BlockedChat } from './blocked-chat.entity';

/**
 * Chats that answered 403 get nothing more: a user who blocked the bot (until they write to it
 * again, see `UsersService.ensureUser`), or a group the bot was removed from.
 */
@Injectable()
export class ChatReachability {
  async isBlocked(tx: EntityManager, chatId: number): Promise<boolean> {
    if (isPrivate(chatId)) {
      const user = await tx.findOne(User, {
        where: { telegramId: chatId },
        select: { id: true, blockedBot: true },
      });
      return user?.blockedBot ?? false;
    }
    return tx.existsBy(BlockedChat, { chatId });
  }

  async markBlocked(tx: EntityManager, chatId: number, reason: string): Promise<void> {
    if (isPrivate(chatId)) {
      await tx.update(User, { telegramId: chatId }, { blockedBot: true });
      return;
    }
    await tx.upsert(BlockedChat, { chatId, reason, blockedAt: new Date() }, ['chatId']);
  }

  /** The bot was added back to a group: deliver to it again. */
  async markReachable(tx: EntityManager, chatId: number): Promise<void> {
    await tx.delete(BlockedChat, { chatId });
  }
}

/** Private chats have the user's (positive) id; groups and supergroups negative ones. */
export const isPrivate = (chatId: number) => chatId > 0;
