import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiKeysService } from '../../api/keys/api-keys.service';
import type { Outcome } from '../../common/outcome';
import type { Environment } from '../../config/environment';
import { integrationCommandTexts as t } from '../../texts/ru/integrations';
import { WebhooksService } from '../../webhooks/webhooks.service';
import { actorOf, BotContext } from '../bot-context';
import { formatInstant } from '../cards/order-times';
import { IntegrationReason, integrationReasonText } from './integration-reasons';

/**
 * `/admin apikey …`, `/admin webhooks` and `/admin webhook …` (docs/api.md), called by
 * `AdminUpdate`, whose guard has let only admins through; the services check again.
 */
@Injectable()
export class IntegrationCommands {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly webhooks: WebhooksService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async apiKey(ctx: BotContext, [action, name, role]: string[]): Promise<void> {
    const actor = actorOf(ctx);
    switch (action?.toLowerCase()) {
      case 'create':
        if (!name || !role) return this.reply(ctx, t.apiKeyUsage);
        return this.answer(ctx, await this.keys.create(name, role.toUpperCase(), actor), (made) =>
          t.apiKeyCreated(made.apiKey.name, made.apiKey.role, made.key),
        );
      case 'list':
        return this.answer(ctx, await this.keys.list(actor), (keys) =>
          keys.length
            ? t.apiKeys(
                keys.map((key) => ({
                  name: key.name,
                  role: key.role,
                  prefix: key.prefix,
                  lastUsed: key.lastUsedAt && this.when(key.lastUsedAt),
                  revoked: key.revokedAt && this.when(key.revokedAt),
                })),
              )
            : t.apiKeysNone,
        );
      case 'revoke':
        if (!name) return this.reply(ctx, t.apiKeyUsage);
        return this.answer(ctx, await this.keys.revoke(name, actor), (key) =>
          t.apiKeyRevoked(key.name),
        );
      default:
        return this.reply(ctx, t.apiKeyUsage);
    }
  }

  async webhook(ctx: BotContext, [action, url, secret]: string[]): Promise<void> {
    const actor = actorOf(ctx);
    switch (action?.toLowerCase()) {
      case 'subscribe':
        if (!url || !secret) return this.reply(ctx, t.webhookUsage);
        return this.answer(ctx, await this.webhooks.subscribe(url, secret, actor), (s) =>
          t.webhookSubscribed(s.url),
        );
      case 'unsubscribe':
        if (!url) return this.reply(ctx, t.webhookUsage);
        return this.answer(ctx, await this.webhooks.unsubscribe(url, actor), (s) =>
          t.webhookUnsubscribed(s.url),
        );
      default:
        return this.reply(ctx, t.webhookUsage);
    }
  }

  async webhookList(ctx: BotContext): Promise<void> {
    return this.answer(ctx, await this.webhooks.overview(actorOf(ctx)), t.webhooks);
  }

  private async answer<T>(
    ctx: BotContext,
    outcome: Outcome<T, IntegrationReason>,
    text: (value: T) => string,
  ) {
    await this.reply(ctx, outcome.ok ? text(outcome.value) : integrationReasonText(outcome));
  }

  private async reply(ctx: BotContext, text: string): Promise<void> {
    // Plain text: keys, URLs and secrets are shown exactly as they are.
    await ctx.reply(text, { link_preview_options: { is_disabled: true } });
  }

  private when(date: Date): string {
    return formatInstant(date, this.config.get('TZ', { infer: true }));
  }
}
