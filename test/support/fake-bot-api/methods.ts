import { extname } from 'node:path';
import { ApiError, badRequest } from './api-error';
import type { Params, UploadedFile } from './params';
import type { RateLimiter } from './rate-limits';
import { nowSeconds, scopeKey, type BotApiState, type ChatState } from './state';
import type { ReplyMarkup, StoredDocument, StoredMessage, User } from './types';
import type { UpdateQueue } from './update-queue';
import {
  checkCallbackAnswerText,
  checkChatAction,
  checkCommands,
  checkLanguageCode,
  checkReplyMarkup,
  checkScope,
  formatCaption,
  formatMessageText,
  normalizeParseMode,
} from './validation';
import type { WebhookDelivery } from './webhook';

export interface MethodContext {
  state: BotApiState;
  queue: UpdateQueue;
  webhook: WebhookDelivery;
  rates: RateLimiter;
  /** When the request arrived (ms): the time rate limits and edit stamps use. */
  at: number;
  /** Aborted when the client goes away (a long poll it no longer waits for). */
  signal: AbortSignal;
}

type MethodHandler = (params: Params, context: MethodContext) => unknown;

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const MIME_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.zip': 'application/zip',
  '.db': 'application/octet-stream',
  '.gz': 'application/gzip',
};

export const METHODS: Record<string, MethodHandler> = {
  getMe: (_params, { state }) => ({
    ...state.bot,
    can_join_groups: true,
    can_read_all_group_messages: !state.privacyMode,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  }),

  getUpdates: async (params, { queue, webhook, signal }) => {
    if (webhook.active) {
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    queue.confirm(params.integer('offset'));
    const limit = Math.min(Math.max(params.integer('limit') ?? 100, 1), 100);
    const timeoutSeconds = Math.max(params.integer('timeout') ?? 0, 0);
    return queue.poll(limit, timeoutSeconds * 1000, signal);
  },

  setWebhook: (params, { queue, webhook }) => {
    const url = params.string('url') ?? '';
    if (params.boolean('drop_pending_updates')) queue.clear();
    if (url === '') {
      webhook.delete();
      return true;
    }
    // Telegram demands HTTPS on ports 443/80/88/8443; the fake also takes plain HTTP so specs
    // can point it at a local server.
    if (!/^https?:\/\/[^/\s]+/i.test(url))
      throw badRequest('bad webhook: invalid webhook URL specified');
    const secretToken = params.string('secret_token');
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest('secret token contains unallowed characters');
    }
    const allowedUpdates = params.json('allowed_updates', "can't parse allowed_updates JSON array");
    queue.releaseHeld();
    webhook.set({
      url,
      secretToken,
      maxConnections: params.integer('max_connections'),
      allowedUpdates: Array.isArray(allowedUpdates) ? (allowedUpdates as string[]) : undefined,
    });
    return true;
  },

  deleteWebhook: (params, { queue, webhook }) => {
    if (params.boolean('drop_pending_updates')) queue.clear();
    webhook.delete();
    return true;
  },

  getWebhookInfo: (_params, { webhook }) => webhook.info(),

  sendMessage: (params, { state, rates, at }) => {
    const chatId = chatIdOf(params);
    const parseMode = normalizeParseMode(params.string('parse_mode'));
    const text = params.string('text');
    const formatted = formatMessageText(text, parseMode);
    const markup = replyMarkupOf(params);
    const chat = state.writable(chatId);
    rates.checkSend(chatId, at);
    const message = state.addMessage(chat, state.bot, {
      text,
      visibleText: formatted.text,
      entities: parseMode ? formatted.entities : explicitEntities(params, 'entities'),
      parse_mode: parseMode,
      reply_markup: markup,
      reply_to_message_id: replyTarget(params, chat),
    });
    rates.record(chatId, 'send', at);
    return state.toApi(message);
  },

  sendDocument: (params, { state, rates, at }) => {
    const chatId = chatIdOf(params);
    const parseMode = normalizeParseMode(params.string('parse_mode'));
    const caption = params.string('caption');
    const formatted = formatCaption(caption, parseMode);
    const markup = replyMarkupOf(params);
    const document = documentOf(params, state);
    const chat = state.writable(chatId);
    rates.checkSend(chatId, at);
    const message = state.addMessage(chat, state.bot, {
      document,
      caption: caption || undefined,
      visibleCaption: formatted.text || undefined,
      entities: parseMode ? formatted.entities : explicitEntities(params, 'caption_entities'),
      parse_mode: parseMode,
      reply_markup: markup,
      reply_to_message_id: replyTarget(params, chat),
    });
    state.files.set(document.file_id, document);
    rates.record(chatId, 'send', at);
    return state.toApi(message);
  },

  editMessageText: (params, { state, rates, at }) => {
    const { chatId, message } = messageToEdit(params, state);
    const parseMode = normalizeParseMode(params.string('parse_mode'));
    const text = params.string('text');
    const formatted = formatMessageText(text, parseMode);
    const markup = replyMarkupOf(params, true);
    if (message.visibleText === undefined)
      throw badRequest('there is no text in the message to edit');
    const entities = parseMode ? formatted.entities : explicitEntities(params, 'entities');
    if (
      message.visibleText === formatted.text &&
      sameJson(message.entities ?? [], entities ?? []) &&
      sameJson(inlineMarkup(message), markup)
    ) {
      throw badRequest(NOT_MODIFIED);
    }
    Object.assign(message, { text, visibleText: formatted.text, entities, parse_mode: parseMode });
    // Like Telegram, an edit without reply_markup removes the inline keyboard.
    message.reply_markup = markup ?? (inlineMarkup(message) ? undefined : message.reply_markup);
    markEdited(message, at);
    rates.record(chatId, 'edit', at);
    return state.toApi(message);
  },

  editMessageReplyMarkup: (params, { state, rates, at }) => {
    const { chatId, message } = messageToEdit(params, state);
    const markup = replyMarkupOf(params, true);
    if (sameJson(inlineMarkup(message), markup)) throw badRequest(NOT_MODIFIED);
    message.reply_markup = markup;
    markEdited(message, at);
    rates.record(chatId, 'edit', at);
    return state.toApi(message);
  },

  deleteMessage: (params, { state, at }) => {
    const chat = state.writable(chatIdOf(params));
    const message = chat.messages.find((m) => m.message_id === messageIdOf(params));
    if (!message || message.deleted) throw badRequest('message to delete not found');
    if (!message.fromBot && chat.chat.type !== 'private' && chat.botStatus !== 'administrator') {
      throw badRequest("message can't be deleted");
    }
    message.deleted = true;
    message.deletedAt = at;
    return true;
  },

  answerCallbackQuery: (params, { state, at }) => {
    const text = params.string('text');
    checkCallbackAnswerText(text);
    const id = params.string('callback_query_id') ?? '';
    const query = state.callbackQueries.get(id);
    // A query can be answered once; Telegram words every later attempt this way.
    if (!query || query.answered) {
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    }
    query.answered = true;
    state.callbackAnswers.push({
      callback_query_id: id,
      ...(text ? { text } : {}),
      show_alert: params.boolean('show_alert'),
      ...(params.has('url') ? { url: params.string('url') } : {}),
      ...(params.has('cache_time') ? { cache_time: params.integer('cache_time') } : {}),
      at,
    });
    return true;
  },

  sendChatAction: (params, { state }) => {
    const chatId = chatIdOf(params);
    checkChatAction(params.string('action'));
    state.writable(chatId);
    return true;
  },

  setMyCommands: (params, { state }) => {
    const commands = checkCommands(params.json('commands', "can't parse commands JSON object"));
    state.commands.set(commandsKey(params), commands);
    return true;
  },

  deleteMyCommands: (params, { state }) => {
    state.commands.delete(commandsKey(params));
    return true;
  },

  getMyCommands: (params, { state }) => state.commands.get(commandsKey(params)) ?? [],

  getChat: (params, { state }) => {
    const { chat } = state.readable(chatIdOf(params));
    return { ...chat, accent_color_id: 0, max_reaction_count: 11 };
  },

  getChatMember: (params, { state }) => {
    const chatId = chatIdOf(params);
    const userId = params.integer('user_id');
    if (userId === undefined) throw badRequest('invalid user_id specified');
    const status = state.memberStatus(chatId, userId);
    return chatMember(status, knownUser(state, chatId, userId));
  },

  leaveChat: (params, { state, queue }) => {
    const chatId = chatIdOf(params);
    if (chatId > 0) throw badRequest("chat member status can't be changed in private chats");
    const chat = state.writable(chatId);
    const old = chat.botStatus;
    chat.botStatus = 'left';
    queue.push({
      my_chat_member: {
        chat: chat.chat,
        from: state.bot,
        date: nowSeconds(),
        old_chat_member: { user: state.bot, status: old },
        new_chat_member: { user: state.bot, status: 'left' },
      },
    });
    return true;
  },
};

const CANONICAL = new Map(Object.keys(METHODS).map((name) => [name.toLowerCase(), name]));

/** Method names are case-insensitive in the Bot API. */
export const canonicalMethod = (name: string): string | undefined =>
  CANONICAL.get(name.toLowerCase());

function chatIdOf(params: Params): number {
  const raw = params.raw('chat_id');
  if (raw === undefined || raw === null || raw === '') throw badRequest('chat_id is empty');
  const id = typeof raw === 'number' ? raw : Number(raw);
  // "@channelusername" and other ids the fake never saw.
  if (!Number.isSafeInteger(id) || id === 0) throw badRequest('chat not found');
  return id;
}

function messageIdOf(params: Params): number {
  const id = params.integer('message_id');
  if (id === undefined) throw badRequest('message identifier is not specified');
  return id;
}

function replyMarkupOf(params: Params, inlineOnly = false): ReplyMarkup | undefined {
  const markup = params.json('reply_markup', "can't parse reply keyboard markup JSON object");
  return checkReplyMarkup(markup, { inlineOnly });
}

function explicitEntities(params: Params, name: string): StoredMessage['entities'] {
  const entities = params.json(name, `can't parse ${name} JSON object`);
  return Array.isArray(entities) ? (entities as StoredMessage['entities']) : undefined;
}

function replyTarget(params: Params, chat: ChatState): number | undefined {
  const parameters = params.json('reply_parameters', "can't parse reply parameters JSON object") as
    { message_id?: number; allow_sending_without_reply?: boolean } | undefined;
  const messageId = parameters?.message_id ?? params.integer('reply_to_message_id');
  if (messageId === undefined) return undefined;
  const target = chat.messages.find((m) => m.message_id === messageId && !m.deleted);
  if (target) return messageId;
  const allow =
    parameters?.allow_sending_without_reply ?? params.boolean('allow_sending_without_reply');
  if (!allow) throw badRequest('message to be replied not found');
  return undefined;
}

function messageToEdit(
  params: Params,
  state: BotApiState,
): { chatId: number; message: StoredMessage } {
  if (params.has('inline_message_id')) {
    throw badRequest('inline messages are not supported by the fake Bot API');
  }
  const chatId = chatIdOf(params);
  const chat = state.writable(chatId);
  const messageId = messageIdOf(params);
  const message = chat.messages.find((m) => m.message_id === messageId);
  if (!message || message.deleted) throw badRequest('message to edit not found');
  if (!message.fromBot) throw badRequest("message can't be edited");
  return { chatId, message };
}

function markEdited(message: StoredMessage, at: number): void {
  message.edited = true;
  message.editCount++;
  message.editedAt = at;
}

function inlineMarkup(message: StoredMessage): ReplyMarkup | undefined {
  return message.reply_markup && 'inline_keyboard' in message.reply_markup
    ? message.reply_markup
    : undefined;
}

/** Equality of JSON values regardless of key order. */
function sameJson(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${stableStringify(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function documentOf(params: Params, state: BotApiState): StoredDocument {
  const upload: UploadedFile | undefined = params.files.document;
  if (upload) {
    if (upload.bytes.length === 0) throw badRequest('file must be non-empty');
    if (upload.bytes.length > MAX_UPLOAD_BYTES) throw new ApiError(413, 'Request Entity Too Large');
    return newDocument(state, upload.fileName, mimeTypeOf(upload), upload.bytes);
  }
  const reference = params.string('document');
  if (!reference) throw badRequest('there is no document in the request');
  const known = state.files.get(reference);
  if (known) return known;
  if (/^https?:\/\//i.test(reference)) {
    // Telegram would download it; the fake records the URL's file name and no bytes.
    const name = new URL(reference).pathname.split('/').pop() || 'file';
    return newDocument(state, name, MIME_TYPES[extname(name).toLowerCase()], Buffer.alloc(0));
  }
  throw badRequest('wrong file identifier/HTTP URL specified');
}

function newDocument(
  state: BotApiState,
  fileName: string | undefined,
  mimeType: string | undefined,
  bytes: Buffer,
): StoredDocument {
  const sequence = state.nextSequence();
  return {
    file_id: `BQACAgIAAxkBAAI${String(sequence).padStart(6, '0')}`,
    file_unique_id: `AgAD${String(sequence).padStart(6, '0')}`,
    ...(fileName ? { file_name: fileName } : {}),
    ...(mimeType ? { mime_type: mimeType } : {}),
    file_size: bytes.length,
    bytes,
  };
}

// Telegram derives the MIME type from the file name; multipart parts from telegraf carry none.
function mimeTypeOf(upload: UploadedFile): string | undefined {
  const byName = upload.fileName ? MIME_TYPES[extname(upload.fileName).toLowerCase()] : undefined;
  if (byName) return byName;
  return upload.mimeType && upload.mimeType !== 'text/plain' ? upload.mimeType : undefined;
}

function commandsKey(params: Params): string {
  const scope = checkScope(params.json('scope', "can't parse BotCommandScope JSON object"));
  return scopeKey(scope, checkLanguageCode(params.string('language_code')));
}

function knownUser(state: BotApiState, chatId: number, userId: number): User {
  if (userId === state.bot.id) return state.bot;
  const member = state.chats.get(chatId)?.members.get(userId)?.user;
  if (member) return member;
  const chat = state.chats.get(userId)?.chat;
  return {
    id: userId,
    is_bot: false,
    first_name: chat?.first_name ?? `User ${userId}`,
    ...(chat?.username ? { username: chat.username } : {}),
  };
}

function chatMember(status: string, user: User): Record<string, unknown> {
  if (status === 'administrator') {
    return {
      status,
      user,
      can_be_edited: false,
      is_anonymous: false,
      can_manage_chat: true,
      can_delete_messages: true,
      can_manage_video_chats: false,
      can_restrict_members: true,
      can_promote_members: false,
      can_change_info: false,
      can_invite_users: true,
      can_post_stories: false,
      can_edit_stories: false,
      can_delete_stories: false,
      can_pin_messages: true,
    };
  }
  if (status === 'kicked') return { status, user, until_date: 0 };
  return { status, user };
}
