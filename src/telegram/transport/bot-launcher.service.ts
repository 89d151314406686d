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
import { Metrics } from '../../health/metrics';
import { BotApiGateway } from '../outbox/bot-api.gateway';
import type { BotContext } from '../bot-context';
import { ChatSequencerMiddleware } from '../middleware/chat-sequencer.middleware';
import { BotCommandsService } from './bot-commands.service';

const WEBHOOK_PATH = '/telegram/webhook';
/** Well under the 10 s a container orchestrator waits after SIGTERM. */
const IN_FLIGHT_GRACE_MS = 5_000;
/** Start-up retries: a network blip while a container starts, Telegram answering 5xx. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

const TRANSPORT_STATES = ['starting', 'polling', 'webhook', 'stopped'] as const;
type TransportState = (typeof TRANSPORT_STATES)[number];

/**
 * Starts the bot once every handler is registered: long polling by default, a webhook on the
 * Nest HTTP server with `WEBHOOK_URL` (requests without the right secret header get 403).
 */
@Injectable()
export class BotLauncher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BotLauncher.name);
  private state: TransportState = 'starting';
  private lastError: string | null = null;
  private wake?: () => void;

  constructor(
    @InjectBot() private readonly bot: Telegraf<BotContext>,
    private readonly config: ConfigService<Environment, true>,
    private readonly commands: BotCommandsService,
    private readonly sequencer: ChatSequencerMiddleware,
    gateway: BotApiGateway,
    health: HealthRegistry,
    metrics: Metrics,
  ) {
    // Start-up calls and long polling go through the gateway too: retried, never paced out.
    gateway.install(bot.telegram, 'interactive');
    // nestjs-telegraf calls bot.stop() on shutdown, and telegraf throws when the bot is not
    // polling (webhook mode, or already stopped here): that would fail the whole shutdown.
    const stop = bot.stop.bind(bot);
    bot.stop = (reason?: string) => {
      if (this.state === 'polling') stop(reason);
    };
    health.register(
      'telegram',
      async () => ({
        ok: this.state === 'polling' || this.state === 'webhook',
        transport: this.state,
        // From getMe at start-up: with privacy mode on, group dialogs run on replies (docs/telegram.md).
        ...(this.bot.botInfo ? { privacyMode: !this.bot.botInfo.can_read_all_group_messages } : {}),
        ...(this.lastError ? { lastError: this.lastError } : {}),
      }),
      { readiness: true },
    );
    const transport = metrics.gauge({
      name: 'bot_transport_state',
      help: 'The Telegram transport: 1 for the current state (starting, polling, webhook, stopped)',
      labelNames: ['state'] as const,
      collect: () => {
        for (const state of TRANSPORT_STATES)
          transport.set({ state }, state === this.state ? 1 : 0);
      },
    });
  }

  /**
   * The first attempt is awaited, so a healthy start is complete once the app is; a failing one
   * goes on in the background, 1 s doubling to 60 s, until Telegram answers or shutdown.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (await this.attempt()) return;
    void this.retryUntilStarted();
  }

  /** Before the database closes: stop taking updates, let the ones in hand finish. */
  async beforeApplicationShutdown(): Promise<void> {
    this.bot.stop('shutdown');
    this.state = 'stopped';
    // An attempt in flight (the gateway may be retrying a 5xx) is not waited for: it sees
    // "stopped" when it returns and starts nothing.
    this.wake?.();
    await this.sequencer.idle(IN_FLIGHT_GRACE_MS);
  }

  private async retryUntilStarted(): Promise<void> {
    for (let delayMs = FIRST_RETRY_MS; this.state === 'starting';) {
      await this.pause(delayMs);
      if (this.state !== 'starting' || (await this.attempt())) return;
      delayMs = Math.min(delayMs * 2, MAX_RETRY_MS);
    }
  }

  /** One start-up: getMe, the commands, then the webhook or long polling. False if it failed. */
  private async attempt(): Promise<boolean> {
    try {
      this.bot.botInfo ??= await this.bot.telegram.getMe();
      await this.commands.register();
      if (this.state !== 'starting') return true;
      const webhookUrl = this.config.get('WEBHOOK_URL', { infer: true });
      if (webhookUrl) await this.startWebhook(webhookUrl);
      else await this.startPolling();
      this.lastError = null;
      return true;
    } catch (error) {
      if (this.state !== 'starting') return true;
      // The HTTP server and /health stay up meanwhile: "starting", with the last error.
      this.lastError = (error as Error).message;
      this.logger.warn(`Telegram transport not started yet (will retry): ${this.lastError}`);
      return false;
    }
  }

  /** A wait that shutdown cuts short. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async startPolling() {
    // Part of the attempt, so a failure here is retried like getMe's (launch() would do it late).
    await this.bot.telegram.deleteWebhook({ drop_pending_updates: false });
    this.state = 'polling';
    this.bot.launch({ dropPendingUpdates: false }).catch((error: Error) => this.pollingLost(error));
    this.logger.log(`Telegram: long polling as @${this.bot.botInfo?.username}`);
  }

  /** telegraf's polling gives up on 401 and 409 (it retries the rest): start over, with backoff. */
  private pollingLost(error: Error) {
    if (this.state !== 'polling') return;
    this.state = 'starting';
    this.lastError = error.message;
    this.logger.error(`Telegram long polling stopped: ${error.message}; starting again`);
    void this.retryUntilStarted();
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
}
