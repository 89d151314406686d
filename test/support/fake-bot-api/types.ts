// Telegram-shaped objects as the fake stores and serves them. They are deliberately looser than
// typegram's unions (every optional field optional) so specs can read `update.callback_query`
// without narrowing; the wire format is what the Bot API documents.

export interface User {
  id: number;
  is_bot?: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export type ChatType = 'private' | 'group' | 'supergroup';

export interface Chat {
  id: number;
  type: ChatType;
  title?: string;
  first_name?: string;
  last_name?: string;
  username?: string;
}

/**
 * Who wrote a message someone forwards (Bot API `MessageOrigin`): a person, a person whose
 * privacy settings hide their account (only the name is left), or a channel. `date` is when it
 * was first sent, in Unix seconds; an hour before the forward unless given.
 */
export type ForwardOrigin = { date?: number } & (
  | { type: 'user'; sender_user: User }
  | { type: 'hidden_user'; sender_user_name: string }
  | { type: 'channel'; chat: Pick<Chat, 'id' | 'title'>; message_id?: number }
);

export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export interface InlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  [action: string]: unknown;
}

export interface KeyboardButton {
  text: string;
  request_chat?: { request_id: number; chat_is_channel: boolean; [field: string]: unknown };
  [action: string]: unknown;
}

export type ReplyMarkup =
  | { inline_keyboard: InlineKeyboardButton[][] }
  | {
      keyboard: (KeyboardButton | string)[][];
      resize_keyboard?: boolean;
      one_time_keyboard?: boolean;
      is_persistent?: boolean;
      input_field_placeholder?: string;
      selective?: boolean;
    }
  | { remove_keyboard: true; selective?: boolean }
  | { force_reply: true; input_field_placeholder?: string; selective?: boolean };

export interface StoredDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size: number;
  /** The uploaded bytes; empty when the document was sent by URL. */
  bytes: Buffer;
}

/** A message as it is now: edits overwrite it, deletion only sets `deleted`. */
export interface StoredMessage {
  message_id: number;
  chat: Chat;
  from: User;
  fromBot: boolean;
  date: number;
  /** ms timestamp of the send, for ordering and rate assertions. */
  sentAt: number;
  /** Text exactly as sent (HTML markup included). */
  text?: string;
  /** What the user sees: markup removed, entities decoded, trimmed. */
  visibleText?: string;
  caption?: string;
  visibleCaption?: string;
  entities?: MessageEntity[];
  parse_mode?: string;
  reply_markup?: ReplyMarkup;
  reply_to_message_id?: number;
  document?: StoredDocument;
  edited: boolean;
  editCount: number;
  editedAt?: number;
  deleted: boolean;
  deletedAt?: number;
  /** Service fields of messages people "send" (chat_shared, new_chat_members, migrate_to_chat_id…). */
  service?: Record<string, unknown>;
}

export type ChatMemberStatus = 'creator' | 'administrator' | 'member' | 'left' | 'kicked';

export interface ChatMemberUpdated {
  chat: Chat;
  from: User;
  date: number;
  old_chat_member: { user: User; status: ChatMemberStatus };
  new_chat_member: { user: User; status: ChatMemberStatus };
}

/** Telegram's Message JSON as the fake serves it. */
export type ApiMessage = Record<string, unknown> & { message_id: number; chat: Chat; date: number };

export interface CallbackQuery {
  id: string;
  from: User;
  message?: ApiMessage;
  /** Set instead of `message` for a button under a message sent via inline mode. */
  inline_message_id?: string;
  chat_instance: string;
  data?: string;
}

export interface Update {
  update_id: number;
  message?: ApiMessage;
  edited_message?: ApiMessage;
  callback_query?: CallbackQuery;
  my_chat_member?: ChatMemberUpdated;
  chat_member?: ChatMemberUpdated;
  [kind: string]: unknown;
}

export interface BotCommand {
  command: string;
  description: string;
}

export interface BotCommandScope {
  type:
    | 'default'
    | 'all_private_chats'
    | 'all_group_chats'
    | 'all_chat_administrators'
    | 'chat'
    | 'chat_administrators'
    | 'chat_member';
  chat_id?: number | string;
  user_id?: number;
}

export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

export type ApiResponse =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: ResponseParameters };

export interface RecordedCall {
  /** The canonical method name (`sendMessage` even if the client wrote `sendmessage`). */
  method: string;
  /** Parameters after decoding: numbers, booleans and JSON fields parsed; files described. */
  params: Record<string, unknown>;
  /** ms timestamp of the request's arrival. */
  at: number;
  status: number;
  response: ApiResponse;
  /** `webhook-reply` when the bot answered a webhook POST with a method call in its body. */
  via: 'http' | 'webhook-reply';
}

export interface CallbackAnswer {
  callback_query_id: string;
  text?: string;
  show_alert: boolean;
  url?: string;
  cache_time?: number;
  at: number;
}

export interface RateLimits {
  /** Telegram: about one message per second to one private chat. */
  perPrivateChatPerSecond: number;
  /** Telegram: 20 messages per minute to one group. */
  perGroupPerMinute: number;
  /** Telegram: about 30 messages per second in total. */
  globalPerSecond: number;
}

export type FaultKind =
  /** `retryAfter` in seconds: fixed, or drawn from [min, max] for each fault. */
  | { code: 429; retryAfter: number | [number, number] }
  | { code: 500 | 502 }
  | { code: 403; description?: string }
  | { code: 400; description: string }
  /** The call takes effect at once but its answer comes `hangMs` later, as on a slow link. */
  | { hangMs: number };

export interface FaultRule {
  /** Only calls of this method (any case); every method when omitted. */
  method?: string;
  /** Only calls whose `chat_id` is this chat. */
  chatId?: number;
  /** Chance (0..1) that a matching call fails, drawn from the seeded generator. */
  probability?: number;
  /** Fires this many times, then removes itself; unlimited when omitted. */
  times?: number;
  fault: FaultKind;
}

export interface FakeBotApiOptions {
  token?: string;
  /** Faults on every method and enforced limits (default: from the environment, see chaos.ts). */
  chaos?: import('./chaos').Chaos;
  botUser?: Partial<User>;
  enforceRateLimits?: boolean;
  limits?: Partial<RateLimits>;
  /** Seed of the generator behind probabilistic faults, so failing runs can be replayed. */
  seed?: number;
  /** Pause between webhook delivery attempts after a failure (Telegram: seconds to minutes). */
  webhookRetryMs?: number;
  /** How long a webhook POST may take before it counts as failed. */
  webhookTimeoutMs?: number;
  /** Webhook POSTs at once, whatever setWebhook asked (Telegram: `max_connections`, 40 by default). */
  webhookMaxConnections?: number;
  /**
   * The bot's privacy mode, as set with /setprivacy in @BotFather; on by default, as in Telegram.
   * In a group where the bot is not an administrator it then receives only commands, replies to
   * its own messages and service messages. Groups keep the mode they were joined with.
   */
  privacyMode?: boolean;
}
