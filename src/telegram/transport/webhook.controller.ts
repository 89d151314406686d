import {
  Body,
  Controller,
  ForbiddenException,
  Headers,
  HttpCode,
  NotFoundException,
  Post,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectBot } from 'nestjs-telegraf';
import { timingSafeEqual } from 'node:crypto';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Environment } from '../../config/environment';
import type { BotContext } from '../bot-context';
import { UpdateClaims, UpdateInHandElsewhere } from '../replicas/update-claims';

/** Telegram's POSTs in webhook mode (`WEBHOOK_URL`); only with the right secret header. */
@Controller('telegram')
export class WebhookController {
  constructor(
    @InjectBot() private readonly bot: Telegraf<BotContext>,
    private readonly config: ConfigService<Environment, true>,
    private readonly claims: UpdateClaims,
  ) {}

  @Post('webhook')
  @HttpCode(200)
  async receive(
    @Headers('x-telegram-bot-api-secret-token') secret: string | undefined,
    @Body() update: Update,
  ): Promise<void> {
    if (!this.config.get('WEBHOOK_URL', { infer: true })) throw new NotFoundException();
    if (!sameSecret(secret, this.config.get('WEBHOOK_SECRET', { infer: true }))) {
      throw new ForbiddenException();
    }
    // Answering only after handling: a failure makes Telegram deliver again, and the update-id
    // dedup keeps a repeat from acting twice. A copy that another replica is handling right now
    // gets 503: Telegram tries it again later, and finds it done — or handles it, if that
    // replica died.
    try {
      await this.claims.hold(update.update_id, () => this.bot.handleUpdate(update));
    } catch (error) {
      if (error instanceof UpdateInHandElsewhere) throw new ServiceUnavailableException();
      throw error;
    }
  }
}

function sameSecret(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
