import { Injectable, OnModuleInit } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import {
  Delivery,
  OutboxChannel,
  OutboxChannels,
  OutboxRow,
} from '../notifications/outbox-channel';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';
import { WebhookSubscription } from './webhook-subscription.entity';

/** A receiver that has not answered by then is tried again later, like a network error. */
const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Delivers webhook rows of the outbox: one signed POST per row. Anything but a 2xx is thrown,
 * so the outbox's retry policy backs off and tries again; the receiver dedups by `id`.
 */
@Injectable()
export class WebhookChannel implements OutboxChannel, OnModuleInit {
  constructor(
    private readonly db: TransactionRunner,
    private readonly channels: OutboxChannels,
  ) {}

  onModuleInit(): void {
    this.channels.register('webhook', this);
  }

  async deliver(row: OutboxRow, signal: AbortSignal): Promise<Delivery> {
    const subscription = await this.db.run((tx) =>
      tx.findOneBy(WebhookSubscription, { id: row.chatId }),
    );
    if (!subscription) return { outcome: 'skipped', reason: 'the subscription was removed' };
    const body = JSON.stringify(row.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(subscription.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-repair-dispatch-event': row.kind,
        'x-repair-dispatch-delivery': String(row.payload.id),
        [SIGNATURE_HEADER]: signatureHeader(subscription.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
      redirect: 'manual',
    });
    // The body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`the receiver answered HTTP ${response.status}`);
    return { outcome: 'sent', messageId: null };
  }
}
