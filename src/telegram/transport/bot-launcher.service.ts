import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectBot } from 'nestjs-telegraf';
import { Telegraf } from 'telegraf';
import type { Environment } from '../../config/environment';
import { HealthRegistry } from '../../health/health-registry';
import { BotApiGateway } from '../../notifications/bot-api.gateway';
import type { BotContext } from '../bot-context';
import { ChatSequencerMiddleware } from '../middleware/chat-sequencer.middleware';
import { BotCommandsService } from './bot-commands.service';

const WEBHOOK_PATH = '/telegram/webhook';
/** Well under the 10 s a container orchestrator waits after SIGTERM. */
const IN_FLIGHT_GRACE_MS = 5_000;

type TransportState = 'starting' | 'polling' | 'webhook' | 'failed' | 'stopped';

/**
 * Starts the bot once every handler is registered: long polling by default, a webhook on the
 * Nest HTTP server with `WEBHOOK_URL` (requests without the right secret header get 403).
 */
@Injectable()
export class BotLauncher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BotLauncher.name);
  private state: TransportState = 'starting';
  private lastError: string | null = null;

  constructor(
    @InjectBot() private readonly bot: Telegraf<BotContext>,
    private readonly config: ConfigService<Environment, true>,
    private readonly commands: BotCommandsService,
    private readonly sequencer: ChatSequencerMiddleware,
    gateway: BotApiGateway,
    health: HealthRegistry,
  ) {
    // Start-up calls and long polling go through the gateway too: retried, never paced out.
    gateway.install(bot.telegram, 'interactive');
    // nestjs-telegraf calls bot.stop() on shutdown, and telegraf throws when the bot is not
    // polling (webhook mode, or already stopped here): that would fail the whole shutdown.
    const stop = bot.stop.bind(bot);
    bot.stop = (reason?: string) => {
      if (this.state === 'polling') stop(reason);
    };
    health.register('telegram', async () => ({
      ok: this.state === 'polling' || this.state === 'webhook',
      transport: this.state,
      // From getMe at start-up: with privacy mode on, group dialogs run on replies (docs/telegram.md).
      ...(this.bot.botInfo ? { privacyMode: !this.bot.botInfo.can_read_all_group_messages } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    }));
  }

  async onApplicationBootstrap(): Promise<void> {
    const webhookUrl = this.config.get('WEBHOOK_URL', { infer: true });
    try {
      this.bot.botInfo ??= await this.bot.telegram.getMe();
      await this.commands.register();
      if (webhookUrl) await this.startWebhook(webhookUrl);
      else this.startPolling();
    } catch (error) {
      // The HTTP server and /health stay up, so the failure is visible rather than a crash loop.
      this.fail(error as Error);
    }
  }

  /** Before the database closes: stop taking updates, let the ones in hand finish. */
  async beforeApplicationShutdown(): Promise<void> {
    this.bot.stop('shutdown');
    this.state = 'stopped';
    await this.sequencer.idle(IN_FLIGHT_GRACE_MS);
  }

  private startPolling() {
    this.state = 'polling';
    this.bot.launch({ dropPendingUpdates: false }).catch((error: Error) => this.fail(error));
    this.logger.log(`Telegram: long polling as @${this.bot.botInfo?.username}`);
  }

  private async startWebhook(url: string) {
    const secretToken = this.config.get('WEBHOOK_SECRET', { infer: true });
    // WebhookController receives the POSTs; here Telegram is only told where to send them.
    await this.bot.telegram.setWebhook(new URL(WEBHOOK_PATH, url).toString(), {
      secret_token: secretToken,
    });
    this.state = 'webhook';
    this.logger.log(`Telegram: webhook at ${new URL(WEBHOOK_PATH, url).toString()}`);
  }

  private fail(error: Error) {
    this.state = 'failed';
    this.lastError = error.message;
    this.logger.error(`Telegram transport failed: ${error.message}`);
  }
}
