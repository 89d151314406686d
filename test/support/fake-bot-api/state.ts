import { badRequest, forbidden } from './api-error';
import type {
  ApiMessage,
  BotCommand,
  BotCommandScope,
  CallbackAnswer,
  CallbackQuery,
  Chat,
  ChatMemberStatus,
  ChatType,
  StoredDocument,
  StoredMessage,
  User,
} from './types';

export interface ChatState {
  chat: Chat;
  /** The bot's membership. In a private chat `kicked` means the user blocked the bot. */
  botStatus: ChatMemberStatus;
  /** Set once a basic group became a supergroup: writes to the old id are refused. */
  migratedTo?: number;
  /**
   * Whether privacy mode filters what people write here: the bot's mode when it joined, since
   * Telegram applies a change made in @BotFather only to groups the bot is (re-)added to.
   */
  privacyMode: boolean;
  members: Map<number, { user: User; status: ChatMemberStatus }>;
  /** Everyone's messages, in message_id order: ids are per chat, shared by people and the bot. */
  messages: StoredMessage[];
  nextMessageId: number;
}

/** Supergroups (and channels) have ids below -10^12 ("-100…"); basic groups are other negatives. */
export const SUPERGROUP_ID_LIMIT = -1_000_000_000_000;

export function chatTypeOf(chatId: number): ChatType {
  if (chatId > 0) return 'private';
  return chatId <= SUPERGROUP_ID_LIMIT ? 'supergroup' : 'group';
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export const scopeKey = (scope: BotCommandScope, languageCode: string): string =>
  [scope.type, scope.chat_id ?? '', scope.user_id ?? '', languageCode].join('|');

/** Chats, messages, callback queries, files and commands: what Telegram would know. */
export class BotApiState {
  readonly chats = new Map<number, ChatState>();
  readonly callbackQueries = new Map<string, { query: CallbackQuery; answered: boolean }>();
  readonly callbackAnswers: CallbackAnswer[] = [];
  readonly commands = new Map<string, BotCommand[]>();
  readonly files = new Map<string, StoredDocument>();
  private sequence = 0;
  private readonly listeners = new Set<() => void>();

  /** `privacyMode`: the bot's setting in @BotFather now (getMe's can_read_all_group_messages). */
  constructor(
    readonly bot: User,
    public privacyMode: boolean,
  ) {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Unique within the fake: callback query ids, file ids, chat_instance values. */
  nextSequence(): number {
    return ++this.sequence;
  }

  privateChat(user: User): ChatState {
    const existing = this.chats.get(user.id);
    if (existing) {
      Object.assign(existing.chat, privateChatOf(user));
      return existing;
    }
    return this.addChat(privateChatOf(user), 'member');
  }

  addChat(chat: Chat, botStatus: ChatMemberStatus): ChatState {
    const state: ChatState = {
      chat,
      botStatus,
      privacyMode: this.privacyMode,
      members: new Map(),
      messages: [],
      nextMessageId: 1,
    };
    this.chats.set(chat.id, state);
    return state;
  }

  /** The chat the bot wants to write to, or the refusal Telegram would give. */
  writable(chatId: number): ChatState {
    if (chatId > 0) {
      const state = this.privateChatById(chatId);
      if (state.botStatus === 'kicked') throw forbidden('bot was blocked by the user');
      return state;
    }
    const state = this.readable(chatId);
    if (state.migratedTo !== undefined) {
      throw badRequest('group chat was upgraded to a supergroup chat', {
        migrate_to_chat_id: state.migratedTo,
      });
    }
    const kind = state.chat.type === 'supergroup' ? 'supergroup chat' : 'group chat';
    if (state.botStatus === 'kicked') throw forbidden(`bot was kicked from the ${kind}`);
    if (state.botStatus === 'left') throw forbidden(`bot is not a member of the ${kind}`);
    return state;
  }

  readable(chatId: number): ChatState {
    const state = chatId > 0 ? this.privateChatById(chatId) : this.chats.get(chatId);
    if (!state) throw badRequest('chat not found');
    return state;
  }

  addMessage(
    state: ChatState,
    from: User,
    fields: Omit<Partial<StoredMessage>, 'message_id' | 'chat' | 'from'>,
  ): StoredMessage {
    const now = Date.now();
    const message: StoredMessage = {
      message_id: state.nextMessageId++,
      chat: state.chat,
      from,
      fromBot: from.id === this.bot.id,
      date: Math.floor(now / 1000),
      sentAt: now,
      edited: false,
      editCount: 0,
      deleted: false,
      ...fields,
    };
    state.messages.push(message);
    return message;
  }

  message(chatId: number, messageId: number): StoredMessage | undefined {
    return this.chats.get(chatId)?.messages.find((message) => message.message_id === messageId);
  }

  /** The Message JSON Telegram would return for `message` now. */
  toApi(message: StoredMessage, withReply = true): ApiMessage {
    const api: ApiMessage = {
      message_id: message.message_id,
      from: message.from,
      chat: message.chat,
      date: message.date,
    };
    if (message.editedAt !== undefined) api.edit_date = Math.floor(message.editedAt / 1000);
    const entities = message.entities?.length ? message.entities : undefined;
    if (message.visibleText !== undefined) {
      api.text = message.visibleText;
      if (entities) api.entities = entities;
    }
    if (message.document) {
      const { bytes: _bytes, ...document } = message.document;
      api.document = document;
    }
    if (message.visibleCaption) {
      api.caption = message.visibleCaption;
      if (entities) api.caption_entities = entities;
    }
    // Telegram echoes only inline keyboards; reply keyboards belong to the client, not the message.
    if (message.reply_markup && 'inline_keyboard' in message.reply_markup) {
      api.reply_markup = message.reply_markup;
    }
    if (withReply && message.reply_to_message_id !== undefined) {
      const original = this.message(message.chat.id, message.reply_to_message_id);
      if (original) api.reply_to_message = this.toApi(original, false);
    }
    return Object.assign(api, message.service);
  }

  memberStatus(chatId: number, userId: number): ChatMemberStatus {
    const state = this.chats.get(chatId);
    if (!state) return 'left';
    if (userId === this.bot.id) return state.chat.type === 'private' ? 'member' : state.botStatus;
    if (state.chat.type === 'private') return userId === chatId ? 'member' : 'left';
    return state.members.get(userId)?.status ?? 'left';
  }

  reset(): void {
    this.chats.clear();
    this.callbackQueries.clear();
    this.callbackAnswers.length = 0;
    this.commands.clear();
    this.files.clear();
  }

  // Lenient on purpose: Telegram refuses users who never started the bot, but specs message
  // seeded users directly, and that refusal is not what they test.
  private privateChatById(chatId: number): ChatState {
    return this.chats.get(chatId) ?? this.privateChat({ id: chatId, first_name: `User ${chatId}` });
  }
}

export function privateChatOf(user: User): Chat {
  return {
    id: user.id,
    type: 'private',
    first_name: user.first_name,
    ...(user.last_name ? { last_name: user.last_name } : {}),
    ...(user.username ? { username: user.username } : {}),
  };
}
