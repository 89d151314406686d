import type { CallbackAnswer, FakeBotApi, StoredMessage, User } from './fake-bot-api';

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

  say(text: string, chatId?: number): void {
    this.since = Date.now();
    this.api.userSendsText(this.user, text, chatId);
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
        this.api
          .messages(chatId)
          .find(
            (m) =>
              !m.deleted &&
              Math.max(m.sentAt, m.editedAt ?? 0) >= since &&
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
