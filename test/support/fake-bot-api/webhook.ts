import type { Update } from './types';
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
 * Pushes queued updates to the bot's webhook, oldest first, and retries an update until the
 * webhook answers 2xx, so a failing handler sees the update again as it would in production.
 * One connection by default, which keeps a chat's updates in order; with `maxConnections`
 * (setWebhook's `max_connections`, or the fake's `webhookMaxConnections`) up to that many POSTs
 * run at once, as Telegram's do (default 40 there), and one chat's updates may then overlap.
 */
export class WebhookDelivery {
  private config?: WebhookConfig;
  private lastError?: { date: number; message: string };
  private workers = 0;
  private stopped = false;
  private readonly inFlight = new Map<Update, AbortController>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly queue: UpdateQueue,
    private readonly onReply: WebhookReplyHandler,
    private readonly retryMs: number,
    private readonly timeoutMs: number,
    private readonly maxConnections?: number,
  ) {}

  get active(): boolean {
    return this.config !== undefined;
  }

  set(config: WebhookConfig): void {
    this.config = config;
    this.lastError = undefined;
    this.wakeAll();
    this.kick();
  }

  delete(): void {
    this.config = undefined;
    for (const controller of this.inFlight.values()) controller.abort();
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
    if (!this.config || this.stopped) return;
    const connections = this.maxConnections ?? this.config.maxConnections ?? 1;
    const wanted = Math.min(connections, this.queue.pending().length);
    while (this.workers < wanted) void this.pump();
  }

  stop(): void {
    this.stopped = true;
    this.config = undefined;
    for (const controller of this.inFlight.values()) controller.abort();
    this.wakeAll();
  }

  /** One connection: takes the oldest update no other connection holds, until none is left. */
  private async pump(): Promise<void> {
    this.workers++;
    try {
      for (;;) {
        const config = this.config;
        const update = this.queue.pending().find((u) => !this.inFlight.has(u));
        if (!config || !update || this.stopped) return;
        if (await this.post(config, update)) {
          this.queue.remove(update);
        } else {
          await this.pause();
        }
      }
    } finally {
      this.workers--;
    }
  }

  private async post(config: WebhookConfig, update: Update): Promise<boolean> {
    const controller = new AbortController();
    this.inFlight.set(update, controller);
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
      this.inFlight.delete(update);
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
      const wake = () => {
        clearTimeout(timer);
        this.retryTimers.delete(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.retryMs);
      this.retryTimers.add(timer);
      this.wakers.add(wake);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.wakers]) wake();
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return cause || (error instanceof Error ? error.message : String(error));
}
