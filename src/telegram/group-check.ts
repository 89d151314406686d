import { Logger } from '@nestjs/common';
import type { BotContext } from './bot-context';

/** Chat members who receive the group's messages; `left`/`kicked` do not. */
const MEMBER_STATUSES = new Set(['creator', 'administrator', 'member']);
const logger = new Logger('GroupCheck');

export interface GroupWithBot {
  id: number;
  type: string;
  title: string;
  username?: string;
  /** An admin bot receives every message of the group, privacy mode or not. */
  botIsAdmin: boolean;
}

/** The chosen chat, if it is one the bot is in (Telegram answers 400/403 otherwise). */
export async function groupWithBot(ctx: BotContext, chatId: number): Promise<GroupWithBot | null> {
  try {
    const member = await ctx.telegram.getChatMember(chatId, ctx.botInfo.id);
    const inChat =
      MEMBER_STATUSES.has(member.status) || (member.status === 'restricted' && member.is_member);
    if (!inChat) return null;
    const chat = await ctx.telegram.getChat(chatId);
    return {
      id: chatId,
      type: chat.type,
      title: 'title' in chat ? chat.title : String(chatId),
      ...('username' in chat && chat.username ? { username: chat.username } : {}),
      botIsAdmin: member.status === 'administrator' || member.status === 'creator',
    };
  } catch {
    return null;
  }
}

/**
 * Whether privacy mode (on by default in @BotFather) hides the group's plain messages from a
 * bot that is not an admin there. Only advice: a failed check is logged and counts as "no".
 */
export async function privacyHidesMessages(ctx: BotContext, chatId: number): Promise<boolean> {
  try {
    const me = await ctx.telegram.getMe();
    return !me.can_read_all_group_messages;
  } catch (error) {
    logger.warn(
      `Privacy mode of the bot not checked for group ${chatId}: ${(error as Error).message}`,
    );
    return false;
  }
}
