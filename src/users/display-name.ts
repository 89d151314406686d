import type { User } from './user.entity';

/** How a person is named to others: their names, else @username, else their Telegram id. */
export const displayName = (
  user: Pick<User, 'firstName' | 'lastName' | 'username' | 'telegramId'>,
) =>
  [user.firstName, user.lastName].filter(Boolean).join(' ') ||
  (user.username ? `@${user.username}` : `ID ${user.telegramId}`);
