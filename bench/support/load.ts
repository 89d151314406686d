// Load for the webhook benches: POSTs updates to a webhook the way Telegram does (keep-alive
// connections, the secret header) and measures each until the bot has answered it.
import { Agent, request } from 'node:http';

export interface Target {
  url: string;
  secret?: string;
}

/**
 * Keep-alive connections for one measure, closed after it: a connection left idle past the
 * server's keep-alive timeout would be reset under the next measure's first request.
 */
const newAgent = () => new Agent({ keepAlive: true, maxSockets: 256 });
const shared = newAgent();

/** One update, until the webhook answered (the service answers once the update is handled). */
export function post(target: Target, update: unknown, agent = shared): Promise<number> {
  const body = JSON.stringify(update);
  return new Promise((resolve, reject) => {
    const req = request(
      target.url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(target.secret ? { 'x-telegram-bot-api-secret-token': target.secret } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let updateId = 1_000_000;

/** A text message from `userId`, as Telegram sends it: in their private chat unless `groupId`. */
export function textUpdate(
  userId: number,
  text: string,
  groupId?: number,
): Record<string, unknown> {
  const from = senderOf(userId);
  return {
    update_id: ++updateId,
    message: {
      message_id: updateId,
      from,
      chat: chatOf(from, groupId),
      date: Math.floor(Date.now() / 1000),
      text,
      ...(text.startsWith('/')
        ? { entities: [{ type: 'bot_command', offset: 0, length: text.length }] }
        : {}),
    },
  };
}

/** `userId` pressing a button with `data` under a bot message in `groupId` (or their chat). */
export function buttonUpdate(
  userId: number,
  data: string,
  groupId?: number,
): Record<string, unknown> {
  const from = senderOf(userId);
  return {
    update_id: ++updateId,
    callback_query: {
      id: String(updateId),
      from,
      chat_instance: String(groupId ?? userId),
      data,
      message: {
        message_id: 1,
        from: { id: 1, is_bot: true, first_name: 'Бот' },
        chat: chatOf(from, groupId),
        date: Math.floor(Date.now() / 1000),
        text: 'Заявка',
      },
    },
  };
}

/** A person as Telegram describes them in each update they send. */
export const senderOf = (userId: number) => ({
  id: userId,
  is_bot: false,
  first_name: `Клиент ${userId}`,
  language_code: 'ru',
});

const chatOf = (from: { id: number; first_name: string }, groupId?: number) =>
  groupId === undefined
    ? { id: from.id, type: 'private', first_name: from.first_name }
    : { id: groupId, type: 'supergroup', title: 'Группа' };

export interface ClosedLoop {
  perSecond: number;
  failed: number;
}

/** `concurrency` senders, each posting its next update as soon as the last was answered. */
export async function closedLoop(
  target: Target,
  concurrency: number,
  durationMs: number,
  next: () => unknown,
): Promise<ClosedLoop> {
  let done = 0;
  let failed = 0;
  const agent = newAgent();
  const started = performance.now();
  const until = started + durationMs;
  const sender = async () => {
    while (performance.now() < until) {
      const status = await post(target, next(), agent).catch(() => 0);
      if (status === 200) done++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  agent.destroy();
  return { perSecond: done / ((performance.now() - started) / 1000), failed };
}

export interface OpenLoop {
  p50: number;
  p95: number;
  p99: number;
  failed: number;
}

/** Updates at a fixed rate whatever the answers; latency counts from when each was due. */
export async function openLoop(
  target: Target,
  ratePerSecond: number,
  durationMs: number,
  next: () => unknown,
): Promise<OpenLoop> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let failed = 0;
  const agent = newAgent();
  const started = performance.now();
  const count = Math.floor((durationMs / 1000) * ratePerSecond);
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      post(target, next(), agent)
        .then((status) => {
          if (status === 200) latencies.push(performance.now() - due);
          else failed++;
        })
        .catch(() => void failed++),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return {
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    failed,
  };
}

export function percentile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export const median = (values: number[]) => percentile(values, 0.5);
