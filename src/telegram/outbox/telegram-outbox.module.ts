import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Telegram } from 'telegraf';
import type { Environment } from '../../config/environment';
import { NotificationsModule } from '../../notifications/notifications.module';
import { UsersModule } from '../../users/users.module';
import { BotApiGateway } from './bot-api.gateway';
import { TelegramDelivery } from './telegram-delivery';
import { TelegramMessageFitModule } from './telegram-message-fit';
import { TelegramRenderer } from './telegram-renderer';
import { TelegramGateway } from './telegram.gateway';

/**
 * Telegram as a way out of the outbox (docs/notifications.md): the Bot API gateway every call
 * goes through, the templates (and how long they make a list), and the work-group card's lifecycle. `TelegramDelivery`
 * registers itself as the outbox's `telegram` channel; the sender lives in `NotificationsModule`.
 */
@Module({
  imports: [NotificationsModule, UsersModule, TelegramMessageFitModule],
  providers: [
    {
      provide: Telegram,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => {
        const apiRoot = config.get('TELEGRAM_API_ROOT', { infer: true });
        return new Telegram(config.get('BOT_TOKEN', { infer: true }), apiRoot ? { apiRoot } : {});
      },
    },
    BotApiGateway,
    TelegramDelivery,
    TelegramGateway,
    TelegramRenderer,
  ],
  exports: [BotApiGateway],
})
export class TelegramOutboxModule {}
