import { Injectable } from '@nestjs/common';
import { Telegram } from 'telegraf';
import type { Message } from 'telegraf/types';
import { CHANNEL_CALL_TIMEOUT_MS } from '../../notifications/outbox-channel';
import type { CardMessage } from '../cards/work-group-card';
import { BotApiGateway } from './bot-api.gateway';

/** Uploading a report of a few MB may take longer than a message; still inside a claim's lease. */
const UPLOAD_TIMEOUT_MS = 2 * CHANNEL_CALL_TIMEOUT_MS;

/** The outbox's Bot API calls: bulk priority through the one gateway, each with a time-out. */
@Injectable()
export class TelegramGateway {
  constructor(
    private readonly telegram: Telegram,
    private readonly gateway: BotApiGateway,
  ) {}

  send(chatId: number, message: CardMessage, signal: AbortSignal): Promise<Message.TextMessage> {
    return this.call(
      'sendMessage',
      { chat_id: chatId, ...html(message), link_preview_options: { is_disabled: true } },
      signal,
    ) as Promise<Message.TextMessage>;
  }

  sendDocument(
    chatId: number,
    file: { fileName: string; content: Buffer },
    signal: AbortSignal,
  ): Promise<Message.DocumentMessage> {
    return this.call(
      'sendDocument',
      { chat_id: chatId, document: { source: file.content, filename: file.fileName } },
      signal,
      UPLOAD_TIMEOUT_MS,
    ) as Promise<Message.DocumentMessage>;
  }

  async edit(
    chatId: number,
    messageId: number,
    message: CardMessage,
    signal: AbortSignal,
  ): Promise<void> {
    await this.call(
      'editMessageText',
      { chat_id: chatId, message_id: messageId, ...html(message) },
      signal,
    );
  }

  /** A call a handler could not make in time, replayed as it was (see `BotApiGateway`). */
  replay(method: string, params: Record<string, unknown>, signal: AbortSignal): Promise<unknown> {
    return this.call(method, params, signal);
  }

  private call(
    method: string,
    payload: Record<string, unknown>,
    signal: AbortSignal,
    timeoutMs = CHANNEL_CALL_TIMEOUT_MS,
  ): Promise<unknown> {
    const callApi = this.telegram.callApi.bind(this.telegram) as (
      method: string,
      payload: Record<string, unknown>,
      options: { signal: never },
    ) => Promise<unknown>;
    return this.gateway.call({
      method,
      payload,
      priority: 'bulk',
      signal,
      // telegraf types the signal with the abort-controller polyfill; node-fetch takes Node's own.
      invoke: (current) =>
        callApi(method, current, { signal: AbortSignal.timeout(timeoutMs) as never }),
    });
  }
}

// Without `reply_markup` an edit removes the card's buttons, which is what a final card needs.
const html = (message: CardMessage) => ({ parse_mode: 'HTML' as const, ...message });
