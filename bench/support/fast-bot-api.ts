// The smallest Bot API that telegraf and the service start against: answers every method at
// once, records nothing but a count per method. The test fake (test/support/fake-bot-api) checks
// every parameter and keeps every message, which would make it the bottleneck of a throughput run.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const BOT = {
  id: 123456789,
  is_bot: true,
  first_name: 'Bench bot',
  username: 'bench_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

export class FastBotApi {
  readonly token = `${BOT.id}:AAEabcdefghijklmnopqrstuvwxyz`;
  readonly counts = new Map<string, number>();
  /** The last reply of each kind, so the baseline answers with the same text and keyboard. */
  readonly lastSent = new Map<number, Record<string, unknown>>();
  private messageId = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FastBotApi> {
    const server = createServer();
    const api = new FastBotApi(server);
    server.on('request', (req, res) => {
      void readBody(req).then((body) => {
        const method = (req.url ?? '').split('/').pop()?.split('?')[0] ?? '';
        const result = api.answer(method, body);
        const json = JSON.stringify({ ok: true, result });
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(json),
        });
        res.end(json);
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  count(method: string): number {
    return this.counts.get(method) ?? 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private answer(method: string, body: string): unknown {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    if (method === 'getMe') return BOT;
    if (method === 'getWebhookInfo')
      return { url: '', has_custom_certificate: false, pending_update_count: 0 };
    if (method === 'sendMessage' || method === 'editMessageText') {
      const params = parse(body);
      const chatId = Number(params.chat_id);
      this.lastSent.set(chatId, params);
      return {
        message_id: ++this.messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: chatId > 0 ? 'private' : 'supergroup' },
        text: params.text,
      };
    }
    return true;
  }
}

function parse(body: string): Record<string, unknown> {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
  });
}
