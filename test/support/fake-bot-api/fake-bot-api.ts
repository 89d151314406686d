import { ApiError } from './api-error';
import { Chaos, chaosFaults, chaosFromEnv, chaosViolations } from './chaos';
import { FaultInjector } from './faults';
import { canonicalMethod, METHODS } from './methods';
import { Params } from './params';
import { RateLimiter, TELEGRAM_LIMITS } from './rate-limits';
import { BotApiServer, type Outcome } from './server';
import {
  BotApiState,
  chatTypeOf,
  nowSeconds,
  scopeKey,
  SUPERGROUP_ID_LIMIT,
  type ChatState,
} from './state';
import type {
  BotCommand,
  BotCommandScope,
  CallbackAnswer,
  Chat,
  ChatMemberStatus,
  ChatType,
  FakeBotApiOptions,
  FaultRule,
  ForwardOrigin,
  RecordedCall,
  StoredMessage,
  Update,
  User,
} from './types';
import { UpdateQueue } from './update-queue';
import { WebhookDelivery, type WebhookInfo } from './webhook';

/** The token test-env.ts gives the service, so a fake started without options matches it. */
export const FAKE_BOT_TOKEN = '123456789:AAEabcdefghijklmnopqrstuvwxyz';

/** Who adds the bot to groups and upgrades them when a spec does not say. */
export const GROUP_OWNER: User = {
  id: 900_001,
  is_bot: false,
  first_name: 'Group',
  last_name: 'Owner',
};

/** Who anonymous group admins post as (Bot API: sender_chat tells the group). */
export const GROUP_ANONYMOUS_BOT: User = {
  id: 1_087_968_824,
  is_bot: true,
  first_name: 'Group',
  username: 'GroupAnonymousBot',
};

/** "Telegram": the sender of a linked channel's automatic forwards into its discussion group. */
export const TELEGRAM_SERVICE_USER: User = { id: 777_000, is_bot: false, first_name: 'Telegram' };

/** A probe answers "not yet" with any falsy value. */
type Probe<T> = () => T | undefined | null | false | 0 | '';

/**
 * A fake Telegram Bot API on 127.0.0.1 for e2e specs: the bot talks to it over real HTTP (telegraf
 * with `apiRoot`), people act through methods named after what they do, and assertions read what
 * the bot did. See fake-bot-api.e2e-spec.ts for every behaviour it promises.
 */
export class FakeBotApi {
  readonly token: string;
  readonly bot: User;

  private readonly state: BotApiState;
  private readonly queue: UpdateQueue;
  private readonly webhook: WebhookDelivery;
  private readonly rates: RateLimiter;
  private readonly faults: FaultInjector;
  /** Chaos mode's faults: not cleared by `clearFaults` or `reset`, checked after a spec's own. */
  private readonly background: FaultInjector;
  private readonly chaos: Chaos | undefined;
  private readonly server: BotApiServer;
  private recorded: RecordedCall[] = [];
  private readonly pendingWaits = new Set<() => void>();
  private stopped = false;

  private constructor(options: FakeBotApiOptions) {
    this.token = options.token ?? FAKE_BOT_TOKEN;
    this.bot = {
      id: Number(this.token.split(':')[0]) || 123_456_789,
      is_bot: true,
      first_name: 'Repair Dispatch (test)',
      username: 'repair_dispatch_test_bot',
      ...options.botUser,
    };
    this.state = new BotApiState(this.bot, options.privacyMode ?? true);
    this.queue = new UpdateQueue(() => {
      this.webhook.kick();
      this.state.changed();
    });
    this.webhook = new WebhookDelivery(
      this.queue,
      async (method, params) => {
        await this.execute(
          method,
          new Params(params),
          new AbortController().signal,
          'webhook-reply',
        );
      },
      options.webhookRetryMs ?? 200,
      options.webhookTimeoutMs ?? 10_000,
      options.webhookMaxConnections,
    );
    this.chaos = options.chaos ?? chaosFromEnv();
    this.rates = new RateLimiter(options.enforceRateLimits ?? this.chaos !== undefined, {
      ...TELEGRAM_LIMITS,
      ...this.chaos?.limits,
      ...options.limits,
    });
    this.faults = new FaultInjector(options.seed ?? 1);
    this.background = new FaultInjector((options.seed ?? 1) + 1);
    for (const rule of this.chaos ? chaosFaults(this.chaos) : []) this.background.add(rule);
    this.server = new BotApiServer(this.token, (method, params, signal) =>
      this.execute(method, params, signal, 'http'),
    );
  }

  /** Where to point telegraf: `new Telegraf(token, { telegram: { apiRoot } })`. */
  get apiRoot(): string {
    return this.server.apiRoot;
  }

  static async start(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
    const api = new FakeBotApi(options);
    await api.server.listen();
    return api;
  }

  // ---- people act ---------------------------------------------------------------------------

  /**
   * A text message from `user`: in their private chat, or in `chat` (a group the bot is in).
   * Returns the update, or undefined when privacy mode keeps it from the bot (it is stored all
   * the same: the group saw it).
   */
  userSendsText(user: User, text: string): Update;
  userSendsText(user: User, text: string, chat?: number | Pick<Chat, 'id'>): Update | undefined;
  userSendsText(user: User, text: string, chat?: number | Pick<Chat, 'id'>): Update | undefined {
    const from = person(user);
    const target = this.chatForUser(from, chat);
    const message = this.state.addMessage(target, from, {
      text,
      visibleText: text,
      entities: commandEntities(text),
    });
    return this.deliver(target, message);
  }

  /**
   * `user` forwards a text message written by `origin` into their private chat with the bot (or
   * `chat`): `forward_origin` as Bot API 7.0+ documents it, plus the older fields it replaced
   * (`forward_date` and `forward_from`, `forward_sender_name` or `forward_from_chat`), which
   * servers may still send next to it; `from` is the forwarder, the text's entities are kept.
   */
  userForwardsText(
    user: User,
    text: string,
    origin: ForwardOrigin,
    chat?: number | Pick<Chat, 'id'>,
  ): Update | undefined {
    const from = person(user);
    const target = this.chatForUser(from, chat);
    const date = origin.date ?? nowSeconds() - 3600;
    const legacy =
      origin.type === 'user'
        ? { forward_from: person(origin.sender_user) }
        : origin.type === 'hidden_user'
          ? { forward_sender_name: origin.sender_user_name }
          : {
              forward_from_chat: { ...origin.chat, type: 'channel' },
              forward_from_message_id: origin.message_id ?? 1,
            };
    const forwardOrigin =
      origin.type === 'user'
        ? { ...origin, sender_user: person(origin.sender_user), date }
        : origin.type === 'channel'
          ? {
              ...origin,
              chat: { ...origin.chat, type: 'channel' },
              message_id: origin.message_id ?? 1,
              date,
            }
          : { ...origin, date };
    const message = this.state.addMessage(target, from, {
      text,
      visibleText: text,
      entities: commandEntities(text),
      service: { forward_origin: forwardOrigin, ...legacy, forward_date: date },
    });
    return this.deliver(target, message);
  }

  /**
   * `user` edits their own text `message`: Telegram sends an `edited_message` update with the
   * new text and `edit_date`, under the same privacy rules as the original.
   */
  userEditsText(
    user: User,
    message: { chat: { id: number }; message_id: number },
    text: string,
  ): Update | undefined {
    const stored = this.state.message(message.chat.id, message.message_id);
    const where = `message ${message.message_id} in chat ${message.chat.id}`;
    if (!stored || stored.deleted || stored.from.id !== user.id) {
      throw new Error(`User ${user.id} has no ${where} to edit`);
    }
    stored.text = text;
    stored.visibleText = text;
    stored.entities = commandEntities(text);
    stored.edited = true;
    stored.editedAt = Date.now();
    this.state.changed();
    const chat = this.state.chats.get(message.chat.id);
    if (!chat || !this.reachesBot(chat, stored)) return undefined;
    return this.queue.push({ edited_message: this.state.toApi(stored) });
  }

  /**
   * `user` answers the bot's `message` with a reply (reply_to_message set), as a client does by
   * itself for a message with force_reply. In a group a reply to the bot passes privacy mode.
   */
  userRepliesTo(
    user: User,
    message: { chat: { id: number }; message_id: number },
    text: string,
  ): Update | undefined {
    const original = this.state.message(message.chat.id, message.message_id);
    const where = `message ${message.message_id} in chat ${message.chat.id}`;
    if (!original || original.deleted) throw new Error(`There is no ${where} to reply to`);
    const from = person(user);
    const target = this.chatForUser(from, message.chat.id);
    const reply = this.state.addMessage(target, from, {
      text,
      visibleText: text,
      entities: commandEntities(text),
      reply_to_message_id: original.message_id,
    });
    return this.deliver(target, reply);
  }

  /**
   * `user` presses the inline button with `callbackData` under the bot's `message`. Refuses (as a
   * spec mistake) buttons the message does not show now, unless `forged` is set: callback data is
   * untrusted input and a modified client can send anything.
   */
  userPressesButton(
    user: User,
    message: { chat: { id: number }; message_id: number },
    callbackData: string,
    { forged = false }: { forged?: boolean } = {},
  ): Update {
    const current = this.state.message(message.chat.id, message.message_id);
    const where = `message ${message.message_id} in chat ${message.chat.id}`;
    if (!current || !current.fromBot) throw new Error(`The bot sent no ${where}`);
    if (!forged) {
      if (current.deleted) throw new Error(`Nobody can press a button of deleted ${where}`);
      const buttons = callbackButtons(current);
      if (!buttons.includes(callbackData)) {
        throw new Error(
          `${where} has no button with callback_data "${callbackData}"; it has: ${JSON.stringify(buttons)}`,
        );
      }
    }
    const from = person(user);
    this.rememberMember(current.chat.id, from);
    const id = String(4_000_000_000 + this.state.nextSequence());
    const query = {
      id,
      from,
      message: this.state.toApi(current),
      chat_instance: `chat-instance${current.chat.id}`,
      data: callbackData,
    };
    this.state.callbackQueries.set(id, { query, answered: false });
    return this.queue.push({ callback_query: query });
  }

  /**
   * A message with no text from `user` (photo, sticker, location, voice, dice…): `content` holds
   * the Message fields as Telegram sends them, e.g. `{ sticker: {...} }`. Privacy mode applies.
   */
  userSendsContent(
    user: User,
    content: Record<string, unknown>,
    chat?: number | Pick<Chat, 'id'>,
  ): Update | undefined {
    const from = person(user);
    const target = this.chatForUser(from, chat);
    return this.deliver(target, this.state.addMessage(target, from, { service: content }));
  }

  /**
   * An anonymous group admin writes: `from` is GroupAnonymousBot and `sender_chat` the group
   * itself. Privacy mode applies as to anyone (a command or a reply to the bot passes).
   */
  anonymousAdminSends(chatId: number, text: string): Update | undefined {
    const target = this.knownGroup(chatId);
    const message = this.state.addMessage(target, GROUP_ANONYMOUS_BOT, {
      text,
      visibleText: text,
      entities: commandEntities(text),
      service: { sender_chat: target.chat },
    });
    return this.deliver(target, message);
  }

  /**
   * A post of the group's linked channel is forwarded into it (the discussion group): from
   * 777000 ("Telegram"), `is_automatic_forward`, `sender_chat` = the channel.
   */
  channelForwardArrives(
    chatId: number,
    text: string,
    channel: Pick<Chat, 'id' | 'title'> = { id: -1_009_999_000_001, title: 'Канал мастерской' },
  ): Update | undefined {
    const target = this.knownGroup(chatId);
    const message = this.state.addMessage(target, TELEGRAM_SERVICE_USER, {
      text,
      visibleText: text,
      entities: commandEntities(text),
      service: {
        sender_chat: { ...channel, type: 'channel' },
        is_automatic_forward: true,
        forward_origin: {
          type: 'channel',
          chat: { ...channel, type: 'channel' },
          message_id: this.state.nextSequence(),
          date: nowSeconds(),
        },
      },
    });
    return this.deliver(target, message);
  }

  /**
   * Another bot writes in a group. Telegram never delivers other bots' messages to a bot, so the
   * message is stored (the group saw it) and undefined is returned; a spec that wants the bot to
   * face one anyway (a forged webhook POST) builds it with `pushUpdate`.
   */
  otherBotSends(chatId: number, text: string, bot: Partial<User> = {}): undefined {
    const target = this.knownGroup(chatId);
    this.state.addMessage(
      target,
      { id: 5_550_001, is_bot: true, first_name: 'Other bot', username: 'other_test_bot', ...bot },
      { text, visibleText: text, entities: commandEntities(text) },
    );
    this.state.changed();
    return undefined;
  }

  /**
   * `user` presses a button under a message sent via inline mode: the query has
   * `inline_message_id` and no `message` (and so no chat). It can be answered like any other.
   */
  userPressesInlineButton(user: User, callbackData: string, inlineMessageId = 'AgAAAFake'): Update {
    const from = person(user);
    const id = String(4_000_000_000 + this.state.nextSequence());
    const query = {
      id,
      from,
      inline_message_id: inlineMessageId,
      chat_instance: `inline-instance${from.id}`,
      data: callbackData,
    };
    this.state.callbackQueries.set(id, { query, answered: false });
    return this.queue.push({ callback_query: query });
  }

  /** `user` types `@bot query` in any chat: an inline_query (no chat). */
  userTypesInlineQuery(user: User, query: string): Update {
    const id = String(5_000_000_000 + this.state.nextSequence());
    return this.queue.push({
      inline_query: { id, from: person(user), query, offset: '', chat_type: 'private' },
    });
  }

  /** `user` picks chat `chatId` through a KeyboardButtonRequestChat with `requestId`. */
  userSharesChat(user: User, requestId: number, chatId: number): Update {
    const from = person(user);
    const target = this.chatForUser(from);
    const title = this.state.chats.get(chatId)?.chat.title;
    const message = this.state.addMessage(target, from, {
      service: {
        chat_shared: { request_id: requestId, chat_id: chatId, ...(title ? { title } : {}) },
      },
    });
    return this.queue.push({ message: this.state.toApi(message) });
  }

  /** The bot joins a group: a my_chat_member update, then the new_chat_members service message. */
  botAddedToGroup(
    chat: { id: number; title: string; type?: Exclude<ChatType, 'private'> },
    { by = GROUP_OWNER, asAdmin = false }: { by?: User; asAdmin?: boolean } = {},
  ): Update[] {
    const type = chat.type ?? chatTypeOf(chat.id);
    if (chat.id >= 0 || chatTypeOf(chat.id) !== type) {
      throw new Error(
        `Chat id ${chat.id} cannot be a ${type}: groups are negative, supergroups are -100… (below ${SUPERGROUP_ID_LIMIT})`,
      );
    }
    const status: ChatMemberStatus = asAdmin ? 'administrator' : 'member';
    const existing = this.state.chats.get(chat.id);
    const target = existing ?? this.state.addChat({ id: chat.id, type, title: chat.title }, 'left');
    target.chat.title = chat.title;
    const old = target.botStatus;
    target.botStatus = status;
    target.privacyMode = this.state.privacyMode;
    const inviter = person(by);
    this.rememberMember(chat.id, inviter, 'creator');
    const joined = this.state.addMessage(target, inviter, {
      service: { new_chat_members: [this.bot] },
    });
    return [
      this.queue.push({ my_chat_member: this.memberUpdate(target, inviter, old, status) }),
      this.queue.push({ message: this.state.toApi(joined) }),
    ];
  }

  /** An admin removes the bot: later writes to the group answer 403 "bot was kicked". */
  botRemovedFromGroup(chatId: number, by: User = GROUP_OWNER): Update {
    const target = this.knownGroup(chatId);
    const old = target.botStatus;
    target.botStatus = 'kicked';
    return this.queue.push({
      my_chat_member: this.memberUpdate(target, person(by), old, 'kicked'),
    });
  }

  /**
   * A basic group becomes a supergroup: the old id answers 400 with migrate_to_chat_id, and both
   * chats get their service message (migrate_to_chat_id, then migrate_from_chat_id).
   */
  migrateGroup(oldId: number, newSupergroupId: number, by: User = GROUP_OWNER): Update[] {
    const old = this.knownGroup(oldId);
    if (old.chat.type !== 'group') throw new Error(`Chat ${oldId} is not a basic group`);
    if (chatTypeOf(newSupergroupId) !== 'supergroup') {
      throw new Error(
        `Supergroup ids are -100… (below ${SUPERGROUP_ID_LIMIT}), not ${newSupergroupId}`,
      );
    }
    const upgraded = this.state.addChat(
      { id: newSupergroupId, type: 'supergroup', title: old.chat.title },
      old.botStatus,
    );
    upgraded.members = new Map(old.members);
    upgraded.privacyMode = old.privacyMode;
    old.migratedTo = newSupergroupId;
    const from = person(by);
    const leaving = this.state.addMessage(old, from, {
      service: { migrate_to_chat_id: newSupergroupId },
    });
    const arriving = this.state.addMessage(upgraded, from, {
      service: { migrate_from_chat_id: oldId },
    });
    return [
      this.queue.push({ message: this.state.toApi(leaving) }),
      this.queue.push({ message: this.state.toApi(arriving) }),
    ];
  }

  /** The user blocks the bot: a my_chat_member update (kicked), then 403 on every write. */
  userBlocksBot(userId: number): Update {
    return this.setPrivateStatus(userId, 'kicked');
  }

  userUnblocksBot(userId: number): Update {
    return this.setPrivateStatus(userId, 'member');
  }

  /** What getChatMember answers for `user` in a group (e.g. to make someone an administrator). */
  setChatMember(chatId: number, user: User, status: ChatMemberStatus): void {
    this.knownGroup(chatId).members.set(user.id, { user: person(user), status });
    this.state.changed();
  }

  /**
   * /setprivacy in @BotFather: getMe reports it at once, but groups keep the mode they were
   * joined with until the bot is added to them again (botAddedToGroup).
   */
  setPrivacyMode(on: boolean): void {
    this.state.privacyMode = on;
  }

  /** Queues any update as given; an update_id may repeat, to test the bot's de-duplication. */
  pushUpdate(raw: Partial<Update>): Update {
    return this.queue.push(raw);
  }

  // ---- what the bot did ---------------------------------------------------------------------

  /** Every call in the order it was answered (`at` is its arrival), optionally of one method. */
  calls(method?: string): RecordedCall[] {
    const name = method ? (canonicalMethod(method) ?? method) : undefined;
    return this.recorded.filter((call) => !name || call.method === name);
  }

  /**
   * The bot's messages in a chat as they are now (live objects: later edits show through),
   * deleted ones included with `deleted: true`. `includeUsers` adds people's messages.
   */
  messages(
    chatId: number,
    { includeUsers = false }: { includeUsers?: boolean } = {},
  ): StoredMessage[] {
    const messages = this.state.chats.get(chatId)?.messages ?? [];
    return messages.filter((message) => includeUsers || message.fromBot);
  }

  /** The last message the bot sent to the chat, deleted or not. */
  lastMessage(chatId: number): StoredMessage | undefined {
    return this.messages(chatId).at(-1);
  }

  callbackAnswers(callbackQueryId?: string): CallbackAnswer[] {
    return this.state.callbackAnswers.filter(
      (answer) => callbackQueryId === undefined || answer.callback_query_id === callbackQueryId,
    );
  }

  /** The commands set for exactly this scope and language, as getMyCommands would answer. */
  commands(scope: BotCommandScope = { type: 'default' }, languageCode = ''): BotCommand[] {
    return this.state.commands.get(scopeKey(scope, languageCode)) ?? [];
  }

  /** Whether the bot holds a long poll open right now (e.g. to wait until a bot has launched). */
  isPolling(): boolean {
    return this.queue.polling;
  }

  /** Updates not yet confirmed by the bot (or not yet accepted by its webhook). */
  pendingUpdates(): Update[] {
    return this.queue.pending();
  }

  webhookInfo(): WebhookInfo {
    return this.webhook.info();
  }

  /** The most successful sends (and edits, unless excluded) that fell into any `windowMs`. */
  maxMessagesInWindow(
    chatId: number | 'all',
    windowMs: number,
    { includeEdits = true }: { includeEdits?: boolean } = {},
  ): number {
    return this.rates.maxInWindow(chatId, windowMs, includeEdits);
  }

  /**
   * Resolves with the probe's first truthy value. The probe runs after every change the fake
   * records and every 25 ms (for state outside the fake); a probe that throws counts as "not yet".
   * An empty array is truthy: probe for `list[0]` or `list.length >= n`, not for `list`.
   */
  waitFor<T>(probe: Probe<T>, timeoutMs = 5_000): Promise<T> {
    return this.waitUntil(probe, timeoutMs, () => '');
  }

  /** The newest live bot message in the chat whose visible or raw text matches. */
  waitForMessage(
    chatId: number,
    match: string | RegExp,
    timeoutMs = 5_000,
  ): Promise<StoredMessage> {
    const matches = (text: string | undefined) => {
      if (text === undefined) return false;
      if (typeof match === 'string') return text.includes(match);
      match.lastIndex = 0;
      return match.test(text);
    };
    return this.waitUntil(
      () =>
        this.messages(chatId)
          .filter((message) => !message.deleted)
          .reverse()
          .find((message) =>
            [message.visibleText, message.text, message.visibleCaption].some(matches),
          ),
      timeoutMs,
      () =>
        `\nThe bot's messages in chat ${chatId}:\n` +
        (this.messages(chatId)
          .map(
            (m) =>
              `  #${m.message_id}${m.deleted ? ' (deleted)' : ''}: ${m.visibleText ?? m.visibleCaption ?? `[document ${m.document?.file_name}]`}`,
          )
          .join('\n') || '  (none)'),
    );
  }

  // ---- faults and lifecycle -----------------------------------------------------------------

  injectFault(rule: FaultRule): () => void {
    return this.faults.add(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Forgets chats, messages, updates, calls, commands, faults and the webhook; keeps the port. */
  reset(): void {
    this.state.reset();
    this.queue.clear();
    this.recorded = [];
    this.faults.reset();
    this.rates.reset();
    this.webhook.delete();
    this.state.changed();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const cancel of [...this.pendingWaits]) cancel();
    this.webhook.stop();
    this.queue.releaseHeld();
    await this.server.close();
    if (this.chaos) chaosViolations.push(...this.chaosViolations(this.chaos));
  }

  /** Sends over a limit in any window, and messages with the forbidden text. */
  private chaosViolations(chaos: Chaos): string[] {
    const found: string[] = [];
    const over = (what: string, most: number, limit: number) => {
      if (most > limit) found.push(`${most} sends ${what}: over the limit of ${limit}`);
    };
    const sends = { includeEdits: false };
    over(
      'in one second in all',
      this.rates.maxInWindow('all', 1_000, false),
      chaos.limits.globalPerSecond,
    );
    for (const [chatId, chat] of this.state.chats) {
      if (chatId > 0) {
        over(
          `in one second to ${chatId}`,
          this.maxMessagesInWindow(chatId, 1_000, sends),
          chaos.limits.perPrivateChatPerSecond,
        );
      } else {
        over(
          `in one minute to ${chatId}`,
          this.maxMessagesInWindow(chatId, 60_000, sends),
          chaos.limits.perGroupPerMinute,
        );
      }
      const forbidden = chaos.forbiddenText;
      for (const message of chat.messages) {
        if (forbidden && message.fromBot && message.text?.includes(forbidden)) {
          found.push(`chat ${chatId} got "${message.text}"`);
        }
      }
    }
    return found;
  }

  // ---- internals ----------------------------------------------------------------------------

  /** Every call goes through here: method lookup, faults, the method, the record. */
  private async execute(
    name: string,
    params: Params,
    signal: AbortSignal,
    via: RecordedCall['via'],
  ): Promise<Outcome> {
    const at = Date.now();
    const method = canonicalMethod(name);
    let outcome: Outcome;
    try {
      if (!method) throw new ApiError(404, 'Not Found: method not found');
      const chatId = params.has('chat_id') ? Number(params.raw('chat_id')) : undefined;
      const fault = this.faults.check(method, chatId) ?? this.background.check(method, chatId);
      if (fault && 'error' in fault) throw fault.error;
      const context = {
        state: this.state,
        queue: this.queue,
        webhook: this.webhook,
        rates: this.rates,
      };
      const result = await METHODS[method](params, { ...context, at, signal });
      outcome = { status: 200, response: { ok: true, result }, delayMs: fault?.delayMs };
    } catch (error) {
      // A bug in the fake must not look like Telegram's answer: it is a 500 naming the bug.
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(500, `Internal Server Error: fake Bot API failed: ${String(error)}`);
      outcome = { status: apiError.code, response: apiError.toResponse() };
    }
    this.recorded.push({
      method: method ?? name,
      params: params.describe(),
      at,
      status: outcome.status,
      response: outcome.response,
      via,
    });
    this.state.changed();
    return outcome;
  }

  private waitUntil<T>(probe: Probe<T>, unscaledMs: number, context: () => string): Promise<T> {
    const timeoutMs = unscaledMs * (this.chaos?.waitScale ?? 1);
    return new Promise<T>((resolve, reject) => {
      let lastError: unknown;
      let done = false;
      const finish = () => {
        done = true;
        unsubscribe();
        clearInterval(interval);
        clearTimeout(timer);
        this.pendingWaits.delete(cancel);
      };
      const check = () => {
        if (done) return;
        try {
          const value = probe();
          if (value) {
            finish();
            resolve(value);
          }
        } catch (error) {
          lastError = error;
        }
      };
      const cancel = () => {
        finish();
        reject(new Error('The fake Bot API stopped while a spec was waiting on it'));
      };
      const unsubscribe = this.state.onChange(check);
      const interval = setInterval(check, 25);
      const timer = setTimeout(() => {
        finish();
        const thrown = lastError ? `\nThe probe last threw: ${String(lastError)}` : '';
        reject(
          new Error(
            `Waited ${timeoutMs} ms in vain.${thrown}${context()}\nRecent Bot API calls:\n${this.recentCalls()}`,
          ),
        );
      }, timeoutMs);
      this.pendingWaits.add(cancel);
      check();
    });
  }

  private recentCalls(): string {
    const lines = this.recorded.slice(-10).map((call) => {
      const chat = call.params.chat_id !== undefined ? ` chat ${String(call.params.chat_id)}` : '';
      const answer = call.response.ok ? 'ok' : `${call.status} ${call.response.description}`;
      return `  ${call.method}${chat} → ${answer}`;
    });
    return lines.join('\n') || '  (none)';
  }

  private deliver(chat: ChatState, message: StoredMessage): Update | undefined {
    if (!this.reachesBot(chat, message)) return undefined;
    return this.queue.push({ message: this.state.toApi(message) });
  }

  /**
   * Privacy mode: in a group where the bot is not an administrator only commands (plain, or
   * addressed to this bot) and replies to the bot's own messages reach it. Telegram passes plain
   * /cmd when this bot was the last bot to write there; the fake has no other bot.
   */
  private reachesBot(chat: ChatState, message: StoredMessage): boolean {
    if (chat.chat.type === 'private' || !chat.privacyMode) return true;
    if (chat.botStatus === 'administrator') return true;
    const command = message.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
    if (command) {
      const addressee = message.text?.slice(0, command.length).split('@')[1];
      if (addressee === undefined || addressee.toLowerCase() === this.bot.username?.toLowerCase())
        return true;
    }
    const original =
      message.reply_to_message_id === undefined
        ? undefined
        : this.state.message(chat.chat.id, message.reply_to_message_id);
    return Boolean(original?.fromBot);
  }

  private chatForUser(user: User, chat?: number | Pick<Chat, 'id'>): ChatState {
    const chatId = typeof chat === 'number' ? chat : (chat?.id ?? user.id);
    if (chatId > 0) {
      if (chatId !== user.id)
        throw new Error(`User ${user.id} cannot write in ${chatId}'s private chat`);
      const target = this.state.privateChat(user);
      if (target.botStatus === 'kicked') {
        throw new Error(`User ${user.id} blocked the bot: call userUnblocksBot first`);
      }
      return target;
    }
    const target = this.knownGroup(chatId);
    if (target.migratedTo !== undefined) {
      throw new Error(`Group ${chatId} became supergroup ${target.migratedTo}: write there`);
    }
    if (target.botStatus !== 'member' && target.botStatus !== 'administrator') {
      throw new Error(`The bot is not in group ${chatId}: call botAddedToGroup first`);
    }
    this.rememberMember(chatId, user);
    return target;
  }

  private knownGroup(chatId: number): ChatState {
    const target = chatId < 0 ? this.state.chats.get(chatId) : undefined;
    if (!target) throw new Error(`No group ${chatId}: call botAddedToGroup first`);
    return target;
  }

  private rememberMember(chatId: number, user: User, status: ChatMemberStatus = 'member'): void {
    const target = this.state.chats.get(chatId);
    if (target && target.chat.type !== 'private' && !target.members.has(user.id)) {
      target.members.set(user.id, { user, status });
    }
  }

  private setPrivateStatus(userId: number, status: 'kicked' | 'member'): Update {
    const target =
      this.state.chats.get(userId) ??
      this.state.privateChat({ id: userId, first_name: `User ${userId}` });
    const old = target.botStatus;
    target.botStatus = status;
    const user = person({ id: userId, first_name: target.chat.first_name ?? `User ${userId}` });
    return this.queue.push({ my_chat_member: this.memberUpdate(target, user, old, status) });
  }

  private memberUpdate(
    target: ChatState,
    from: User,
    old: ChatMemberStatus,
    now: ChatMemberStatus,
  ) {
    return {
      chat: target.chat,
      from,
      date: nowSeconds(),
      old_chat_member: { user: this.bot, status: old },
      new_chat_member: { user: this.bot, status: now },
    };
  }
}

function person(user: User): User {
  return { ...user, is_bot: false };
}

/** bot_command entities as Telegram marks them: a /command at the start or after whitespace. */
function commandEntities(text: string): StoredMessage['entities'] {
  const entities = [...text.matchAll(/(^|\s)(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)/g)].map(
    (match) => ({
      type: 'bot_command',
      offset: (match.index ?? 0) + match[1].length,
      length: match[2].length,
    }),
  );
  return entities.length > 0 ? entities : undefined;
}

function callbackButtons(message: StoredMessage): string[] {
  const markup = message.reply_markup;
  if (!markup || !('inline_keyboard' in markup)) return [];
  return markup.inline_keyboard
    .flat()
    .map((button) => button.callback_data)
    .filter((data): data is string => typeof data === 'string');
}
