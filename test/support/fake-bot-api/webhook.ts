import type { UpdateQueue } from './update-queue';

export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections?: number;
  allowedUpdates?: string[];
}

export interface WebhookInfo {
  url: string;
  has_custom_certificate: false;
  pending_update_count: number;
  max_connections?: number;
  allowed_updates?: string[];
  last_error_date?: number;
  last_error_message?: string;
}

/** A webhook answer that carries a method call (telegraf's `webhookReply`), run as Telegram would. */
export type WebhookReplyHandler = (
  method: string,
  params: Record<string, unknown>,
) => Promise<void>;

/**
 * Pushes queued updates to the bot's webhook one at a time, oldest first, and retries the same
 * update until the webhook answers 2xx, so a failing handler sees the update again as it would
 * in production. (Telegram may use several connections; one keeps a chat's updates in order.)
 */
export class WebhookDelivery {
  private config?: WebhookConfig;
  private lastError?: { date: number; message: string };
  private running = false;
  private stopped = false;
  private inFlight?: AbortController;
  private retryTimer?: NodeJS.Timeout;
  private wakeRetry?: () => void;

  constructor(
    private readonly queue: UpdateQueue,
    private readonly onReply: WebhookReplyHandler,
    private readonly retryMs: number,
    private readonly timeoutMs: number,
  ) {}

  get active(): boolean {
    return this.config !== undefined;
  }

  set(config: WebhookConfig): void {
    this.config = config;
    this.lastError = undefined;
    this.wakeRetry?.();
    this.kick();
  }

  delete(): void {
    this.config = undefined;
    this.inFlight?.abort();
  }

  info(): WebhookInfo {
    return {
      url: this.config?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.queue.pending().length,
      ...(this.config?.maxConnections ? { max_connections: this.config.maxConnections } : {}),
      ...(this.config?.allowedUpdates ? { allowed_updates: this.config.allowedUpdates } : {}),
      ...(this.lastError
        ? { last_error_date: this.lastError.date, last_error_message: this.lastError.message }
        : {}),
    };
  }

  /** Something was queued: start delivering unless a delivery loop is already running. */
  kick(): void {
    if (!this.running && this.config && !this.stopped) void this.pump();
  }

  stop(): void {
    this.stopped = true;
    this.config = undefined;
    this.inFlight?.abort();
    this.wakeRetry?.();
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      for (;;) {
        const config = this.config;
        const update = this.queue.first();
        if (!config || !update || this.stopped) return;
        if (await this.post(config, update)) {
          this.queue.remove(update);
        } else {
          await this.pause();
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async post(config: WebhookConfig, update: { update_id: number }): Promise<boolean> {
    const controller = new AbortController();
    this.inFlight = controller;
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await fetch(config.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(config.secretToken ? { 'x-telegram-bot-api-secret-token': config.secretToken } : {}),
        },
        body: JSON.stringify(update),
        signal: controller.signal,
      });
      const body = await response.text();
      if (!response.ok) {
        this.fail(`Wrong response from the webhook: ${response.status} ${response.statusText}`);
        return false;
      }
      await this.runReply(body);
      return true;
    } catch (error) {
      this.fail(controller.signal.aborted ? 'Connection timed out' : describe(error));
      return false;
    } finally {
      clearTimeout(timer);
      this.inFlight = undefined;
    }
  }

  private async runReply(body: string): Promise<void> {
    if (!body.trim()) return;
    let reply: unknown;
    try {
      reply = JSON.parse(body);
    } catch {
      return; // Telegram ignores a body it cannot read.
    }
    if (typeof reply === 'object' && reply !== null && 'method' in reply) {
      const { method, ...params } = reply as { method: unknown } & Record<string, unknown>;
      if (typeof method === 'string') await this.onReply(method, params);
    }
  }

  private fail(message: string): void {
    this.lastError = { date: Math.floor(Date.now() / 1000), message };
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      this.wakeRetry = () => {
        clearTimeout(this.retryTimer);
        this.wakeRetry = undefined;
        resolve();
      };
      this.retryTimer = setTimeout(() => this.wakeRetry?.(), this.retryMs);
    });
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return cause || (error instanceof Error ? error.message : String(error));
}
