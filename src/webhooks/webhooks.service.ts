import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { failure, Outcome, Reason, success } from '../common/outcome';
import { TransactionRunner } from '../database/transaction-runner';
import { Outbox } from '../notifications/outbox';
import type { Actor } from '../users/actor';
import type { AdminsOnly } from '../users/user-reasons';
import { UsersService } from '../users/users.service';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookSubscription } from './webhook-subscription.entity';

const SECRET = /^\S{16,200}$/;
/** Failed deliveries `/admin webhooks` shows, latest first. */
const RECENT_FAILURES = 10;

export interface WebhookOverview {
  subscriptions: { id: number; url: string; waiting: number; failed: number; createdAt: Date }[];
  failures: { id: number; url: string; kind: string; attempts: number; reason: string | null }[];
}

/** Why a subscription change is refused. */
export type WebhookReason =
  | { reason: 'bad_webhook_url' }
  | { reason: 'bad_webhook_secret' }
  | { reason: 'webhook_url_taken' }
  | { reason: 'webhook_url_not_found' };

/** Webhook subscriptions (docs/api.md): admins add and remove them and see how delivery goes. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly outbox: WebhookOutbox,
    /** The outbox's rows of the webhook channel, for the overview. */
    private readonly deliveries: Outbox,
  ) {}

  subscribe(
    url: string,
    secret: string,
    actor: Actor,
  ): Promise<Outcome<WebhookSubscription, WebhookReason | AdminsOnly>> {
    if (!isReceiverUrl(url))
      return Promise.resolve(failure('invalid', { reason: 'bad_webhook_url' }, 'url'));
    if (!SECRET.test(secret))
      return Promise.resolve(failure('invalid', { reason: 'bad_webhook_secret' }, 'secret'));
    return this.changingSubscriptions(actor, async (tx) => {
      if (await tx.existsBy(WebhookSubscription, { url }))
        return failure('invalid', { reason: 'webhook_url_taken' });
      const subscription = await tx.save(
        tx.create(WebhookSubscription, { url, secret, createdByUserId: actor.userId }),
      );
      await this.record(tx, actor, 'webhook.subscribe', subscription);
      return success(subscription);
    });
  }

  /** Deliveries still waiting for the URL are skipped when their turn comes. */
  unsubscribe(
    url: string,
    actor: Actor,
  ): Promise<Outcome<WebhookSubscription, WebhookReason | AdminsOnly>> {
    return this.changingSubscriptions(actor, async (tx) => {
      const subscription = await tx.findOneBy(WebhookSubscription, { url });
      if (!subscription) return failure('not_found', { reason: 'webhook_url_not_found' });
      await tx.delete(WebhookSubscription, { id: subscription.id });
      await this.record(tx, actor, 'webhook.unsubscribe', subscription);
      return success(subscription);
    });
  }

  /** An admin's change of the subscriptions; once committed, events go by the new list. */
  private async changingSubscriptions<T, R extends Reason>(
    actor: Actor,
    work: (tx: EntityManager) => Promise<Outcome<T, R>>,
  ): Promise<Outcome<T, R | AdminsOnly>> {
    const outcome = await this.users.asAdmin(actor, work);
    if (outcome.ok) this.outbox.forget();
    return outcome;
  }

  overview(actor: Actor): Promise<Outcome<WebhookOverview, AdminsOnly>> {
    return this.users.asAdmin<WebhookOverview>(actor, async (tx) => {
      const all = await tx.find(WebhookSubscription, { order: { id: 'ASC' } });
      const counts = await this.deliveries.countsByRecipient(tx, 'webhook');
      const urlOf = new Map(all.map((subscription) => [subscription.id, subscription.url]));
      const failed = await this.deliveries.latestFailures(tx, 'webhook', RECENT_FAILURES);
      return success({
        subscriptions: all.map((subscription) => ({
          id: subscription.id,
          url: subscription.url,
          waiting: counts.get(subscription.id)?.waiting ?? 0,
          failed: counts.get(subscription.id)?.failed ?? 0,
          createdAt: subscription.createdAt,
        })),
        failures: failed.map((row) => ({
          id: row.id,
          url: urlOf.get(row.chatId) ?? `#${row.chatId}`,
          kind: row.kind,
          attempts: row.attempts,
          reason: row.lastError,
        })),
      });
    });
  }

  private record(
    tx: EntityManager,
    actor: Actor,
    action: string,
    subscription: WebhookSubscription,
  ) {
    return this.audit.record(tx, {
      actorUserId: actor.userId,
      action,
      entityType: 'webhook',
      entityId: subscription.id,
      details: { url: subscription.url },
    });
  }
}

/** https anywhere; plain http only to this machine (a receiver next to the service, or a spec). */
function isReceiverUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (value.length > 500 || url.username || url.password) return false;
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}
