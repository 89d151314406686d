import type { EntityManager } from 'typeorm';

/**
 * What the outbox core asks about the people behind chats, without knowing people: the users
 * module provides it (`users/outbox-people.ts`). A private chat's id is its person's Telegram id.
 */
export abstract class OutboxPeople {
  /** Whether the person whose private chat this is has blocked the bot. */
  abstract blocksBot(tx: EntityManager, chatId: number): Promise<boolean>;
  /** The person answered 403: nothing more goes to them until they write to the bot again. */
  abstract markBlocksBot(tx: EntityManager, chatId: number): Promise<void>;
  /** The chats of the admins the bot reaches: who hears of a notification that failed. */
  abstract adminChats(tx: EntityManager): Promise<number[]>;
}
