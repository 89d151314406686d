import type {
  CallbackAnswer,
  FakeBotApi,
  ForwardOrigin,
  StoredMessage,
  User,
} from './fake-bot-api';

type Match = string | RegExp;

const matches = (text: string | undefined, match: Match) =>
  text !== undefined && (typeof match === 'string' ? text.includes(match) : match.test(text));

/**
 * A person using the bot through the fake Bot API: sends text, presses buttons by their label,
 * and waits for what the bot answers after their last action.
 */
export class TelegramUser {
  private since = 0;
  private lastQueryId?: string;

  constructor(
    readonly api: FakeBotApi,
    readonly user: User,
  ) {}

  get id(): number {
    return this.user.id;
  }

  /**
   * Types `text` in the chat, as a client does: as a reply when the bot's newest question there
   * opened one for this person with force_reply (the only way, under privacy mode, to be heard
   * in a group), as a plain message otherwise.
   */
  say(text: string, chatId = this.id): void {
    this.since = Date.now();
    const question = this.openQuestion(chatId);
    if (question) this.api.userRepliesTo(this.user, question, text);
    else this.api.userSendsText(this.user, text, chatId);
  }

  /** Forwards a text written by `origin` (a client, a channel) to the bot. */
  forward(text: string, origin: ForwardOrigin, chatId = this.id): void {
    this.since = Date.now();
    this.api.userForwardsText(this.user, text, origin, chatId);
  }

  /** Replies to the bot's `message` by hand (swipe to reply), whatever force_reply says. */
  replyTo(message: StoredMessage, text: string): void {
    this.since = Date.now();
    this.api.userRepliesTo(this.user, message, text);
  }

  /** Picks `chatId` in the chat picker (request_chat) the bot showed with `requestId`. */
  shareChat(requestId: number, chatId: number): void {
    this.since = Date.now();
    this.api.userSharesChat(this.user, requestId, chatId);
  }

  /** Presses the button labelled `label` on the newest bot message in the chat that shows it. */
  async press(label: Match, chatId = this.id): Promise<StoredMessage> {
    const { message, data } = await this.api.waitFor(() => this.findButton(label, chatId));
    this.since = Date.now();
    this.lastQueryId = this.api.userPressesButton(this.user, message, data).callback_query?.id;
    return message;
  }

  /** Presses the button labelled `label` under this very message (a chat may show several lists). */
  pressOn(message: StoredMessage, label: Match): void {
    const data = buttonsOf(message).find((b) => matches(b.text, label))?.callback_data;
    if (!data) throw new Error(`message ${message.message_id} has no button "${String(label)}"`);
    this.since = Date.now();
    this.lastQueryId = this.api.userPressesButton(this.user, message, data).callback_query?.id;
  }

  /** Sends button data the client never showed: what a modified client could do. */
  forge(message: StoredMessage, data: string): void {
    this.since = Date.now();
    this.lastQueryId = this.api.userPressesButton(this.user, message, data, { forged: true })
      .callback_query?.id;
  }

  /** The first bot message (sent or edited after this person's last action) that matches. */
  expect(match: Match, chatId = this.id, timeoutMs = 8_000): Promise<StoredMessage> {
    const since = this.since;
    return this.api.waitFor(
      () =>
        this.api.messages(chatId).find(
          (m) =>
            !m.deleted &&
            // Strictly after: a message of the action's own millisecond was there before it
            // (a re-asked question repeats the first one's words, so this matters).
            Math.max(m.sentAt, m.editedAt ?? 0) > since &&
            [m.visibleText, m.text, m.visibleCaption].some((text) => matches(text, match)),
        ),
      timeoutMs,
    );
  }

  /** The alert or toast the bot showed for this person's last button press. */
  lastAnswer(): Promise<CallbackAnswer> {
    return this.api.waitFor(
      () => this.lastQueryId && this.api.callbackAnswers(this.lastQueryId)[0],
    );
  }

  /** The bot's newest force_reply question for this person, asked after their last message. */
  private openQuestion(chatId: number): StoredMessage | undefined {
    const messages = this.api.messages(chatId, { includeUsers: true });
    const lastOwn = messages.filter((m) => m.from.id === this.id).at(-1)?.message_id ?? 0;
    return messages
      .filter((m) => m.fromBot && !m.deleted && m.message_id > lastOwn)
      .filter((m) => this.asksThisPerson(m, messages))
      .at(-1);
  }

  /**
   * Whether `message` opens a reply for this person: force_reply with `selective` targets the
   * people mentioned and the sender of the message it replies to.
   */
  private asksThisPerson(message: StoredMessage, chat: StoredMessage[]): boolean {
    const markup = message.reply_markup;
    if (!markup || !('force_reply' in markup)) return false;
    if (!markup.selective) return true;
    const mentioned = message.entities?.some(
      (e) => e.type === 'text_link' && e.url === `tg://user?id=${this.id}`,
    );
    const repliedTo = chat.find((m) => m.message_id === message.reply_to_message_id);
    return Boolean(mentioned) || repliedTo?.from.id === this.id;
  }

  private findButton(label: Match, chatId: number) {
    for (const message of [...this.api.messages(chatId)].reverse()) {
      if (message.deleted) continue;
      const button = buttonsOf(message).find((b) => matches(b.text, label));
      if (button?.callback_data) return { message, data: button.callback_data };
    }
    return undefined;
  }
}

/** The inline buttons with callback data under a message, row after row. */
export function buttonsOf(message: StoredMessage): { text: string; callback_data: string }[] {
  const markup = message.reply_markup;
  if (!markup || !('inline_keyboard' in markup)) return [];
  return markup.inline_keyboard
    .flat()
    .filter((b): b is typeof b & { callback_data: string } => typeof b.callback_data === 'string');
}
