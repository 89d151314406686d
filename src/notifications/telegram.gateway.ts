import { Injectable } from '@nestjs/common';
import { Telegram } from 'telegraf';
import type { Message } from 'telegraf/types';
import type { CardMessage } from '../telegram/cards/work-group-card';
import { RateLimiter } from './rate-limiter';

/** A Bot API call that hangs this long has failed (and is retried); well inside a claim's lease. */
export const CALL_TIMEOUT_MS = 30_000;

/** Uploading a report of a few MB may take longer than a message; still inside a claim's lease. */
const UPLOAD_TIMEOUT_MS = 2 * CALL_TIMEOUT_MS;

/** The Bot API calls the sender makes, each one paced by the rate limiter. */
@Injectable()
export class TelegramGateway {
  constructor(
    private readonly telegram: Telegram,
    private readonly limiter: RateLimiter,
  ) {}

  async send(
    chatId: number,
    message: CardMessage,
    signal: AbortSignal,
  ): Promise<Message.TextMessage> {
    await this.limiter.acquire(chatId, signal);
    return this.telegram.callApi(
      'sendMessage',
      { chat_id: chatId, ...html(message), link_preview_options: { is_disabled: true } },
      { signal: timeout() },
    );
  }

  async sendDocument(
    chatId: number,
    file: { fileName: string; content: Buffer },
    signal: AbortSignal,
  ): Promise<Message.DocumentMessage> {
    await this.limiter.acquire(chatId, signal);
    return this.telegram.callApi(
      'sendDocument',
      { chat_id: chatId, document: { source: file.content, filename: file.fileName } },
      { signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS) as never },
    );
  }

  async edit(
    chatId: number,
    messageId: number,
    message: CardMessage,
    signal: AbortSignal,
  ): Promise<void> {
    await this.limiter.acquire(chatId, signal);
    await this.telegram.callApi(
      'editMessageText',
      { chat_id: chatId, message_id: messageId, ...html(message) },
      { signal: timeout() },
    );
  }
}

// Without `reply_markup` an edit removes the card's buttons, which is what a final card needs.
const html = (message: CardMessage) => ({ parse_mode: 'HTML' as const, ...message });

// telegraf types the signal with the abort-controller polyfill; node-fetch takes Node's own.
const timeout = () => AbortSignal.timeout(CALL_TIMEOUT_MS) as never;
