import type { Message, User } from 'telegraf/types';
import type { DraftFields } from '../../intake/intake.reader';
import type { IntakeReader } from '../../intake/intake.reader';
import { dispatcherTexts as t } from '../../texts/ru/dispatcher';
import type { BotContext } from '../bot-context';
import { formatInstant } from '../cards/order-times';

/** What a client's message, pasted or forwarded to the bot, gives the creation dialog. */
export type PastedOrder = DraftFields;

// Telegram delivers at most 4096 characters; anything longer is a forged update, not a paste.
const PASTE_MAX_CHARACTERS = 4096;

/**
 * The order a private text message holds, or null when it holds none: the intake parser's
 * `isOrder` needs real evidence (a phone and an address, or one of them and an equipment type),
 * so a greeting or a question stays a message for the menu.
 */
export function pastedOrderOf(
  ctx: BotContext,
  reader: IntakeReader,
  zone: string,
): PastedOrder | null {
  const message = ctx.message;
  if (ctx.chat?.type !== 'private' || !message || !('text' in message)) return null;
  if ([...message.text].length > PASTE_MAX_CHARACTERS) return null;
  const fields = reader.readOrder(message.text);
  if (!fields) return null;
  // Where a forward came from is worth keeping with the order, next to any other phones.
  const notes = [fields.notes, forwardOriginOf(message, zone)].filter(Boolean).join('\n');
  return { ...fields, notes: notes || null };
}

/** Bot API before 7.0 (a self-hosted server may still be one) named the origin this way. */
interface LegacyForward {
  forward_from?: User;
  forward_sender_name?: string;
  forward_from_chat?: { title?: string };
  forward_date?: number;
}

/** «↪️ Переслано от <who>, <when>» for a forwarded message; null for one typed or pasted. */
export function forwardOriginOf(message: Message, zone: string): string | null {
  const origin = 'forward_origin' in message ? message.forward_origin : undefined;
  const legacy = message as LegacyForward;
  let who: string | undefined;
  let date: number | undefined;
  if (origin) {
    date = (origin as { date?: number }).date;
    if (origin.type === 'user') who = nameOf(origin.sender_user);
    else if (origin.type === 'hidden_user') who = origin.sender_user_name;
    else who = titleOf(origin.type === 'chat' ? origin.sender_chat : origin.chat);
  } else if (legacy.forward_date !== undefined) {
    date = legacy.forward_date;
    who = legacy.forward_from
      ? nameOf(legacy.forward_from)
      : (legacy.forward_sender_name ?? legacy.forward_from_chat?.title);
  }
  if (date === undefined) return null;
  return t.forwardedFrom(who || t.hiddenSender, formatInstant(new Date(date * 1000), zone));
}

const titleOf = (chat: object) => ('title' in chat ? String(chat.title) : undefined);

const nameOf = (user: User) =>
  [user.first_name, user.last_name].filter(Boolean).join(' ') +
  (user.username ? ` (@${user.username})` : '');
