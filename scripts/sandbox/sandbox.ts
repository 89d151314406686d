// The sandbox behind `npm run sandbox`: the service on a temporary SQLite file, the built-in
// fake Bot API instead of Telegram, and a page where one person plays every role in
// Telegram-like chat panes. No token, no network: everything listens on 127.0.0.1.
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeBotApi, type StoredMessage, type User } from '../../test/support/fake-bot-api';
import { masterWithGroup } from '../../test/support/master-with-group';
import { TelegramUser } from '../../test/support/telegram-user';
import { renderMessage } from './render';

export const PEOPLE = {
  admin: { id: 1001, first_name: 'Анна', last_name: 'Админова' },
  dispatcher: { id: 2001, first_name: 'Дарья', last_name: 'Диспетчерова' },
  master: { id: 3001, first_name: 'Иван', last_name: 'Мастеров' },
} satisfies Record<string, User>;

export const WORK_GROUP = {
  id: -1001234567890,
  title: 'Иван — рабочая группа',
  type: 'supergroup' as const,
};

/** A chat pane: whose chat it is and who types in it. */
interface Pane {
  id: string;
  title: string;
  chatId: number;
  person: TelegramUser;
  /** The last button this pane pressed, for the bot's toast or alert. */
  lastQueryId?: string;
}

export interface Sandbox {
  /** The sandbox page. */
  url: string;
  /** The web console of the same service. */
  consoleUrl: string;
  api: FakeBotApi;
  app: INestApplication;
  close(): Promise<void>;
}

const STATIC: Record<string, [string, string]> = {
  '/': ['page.html', 'text/html; charset=utf-8'],
  '/sandbox.js': ['page.js', 'text/javascript; charset=utf-8'],
  '/sandbox.css': ['page.css', 'text/css; charset=utf-8'],
};

export async function startSandbox(port = 0): Promise<Sandbox> {
  const api = await FakeBotApi.start();
  const dir = mkdtempSync(join(tmpdir(), 'repair-dispatch-sandbox-'));
  const appPort = await freePort();
  const consoleUrl = `http://127.0.0.1:${appPort}`;
  const settings = {
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_PATH: join(dir, 'sandbox.db'),
    BACKUP_DIR: join(dir, 'backups'),
    LOG_DIR: join(dir, 'logs'),
    LOG_LEVEL: 'error',
    ADMIN_IDS: String(PEOPLE.admin.id),
    DISPATCHER_IDS: String(PEOPLE.dispatcher.id),
    FLOOD_BURST: '100',
    HTTP_PORT: String(appPort),
    WEB_PUBLIC_URL: consoleUrl,
  };
  // Put back on close: a spec process goes on after the sandbox.
  const before = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  Object.assign(process.env, settings);
  // Imported here: the configuration is read when the module is built.
  const { AppModule } = await import('../../src/app.module');
  const app = await NestFactory.create(AppModule.forRoot(), { logger: ['error'] });
  await app.listen(appPort, '127.0.0.1');

  const people = {
    admin: new TelegramUser(api, PEOPLE.admin),
    dispatcher: new TelegramUser(api, PEOPLE.dispatcher),
    master: new TelegramUser(api, PEOPLE.master),
  };
  await prepare(api, app, people);
  const panes: Pane[] = [
    {
      id: 'dispatcher',
      title: 'Дарья — диспетчер',
      chatId: PEOPLE.dispatcher.id,
      person: people.dispatcher,
    },
    { id: 'group', title: WORK_GROUP.title, chatId: WORK_GROUP.id, person: people.master },
    {
      id: 'master',
      title: 'Иван — мастер (личный чат)',
      chatId: PEOPLE.master.id,
      person: people.master,
    },
    { id: 'admin', title: 'Анна — администратор', chatId: PEOPLE.admin.id, person: people.admin },
  ];

  const server = createServer((request, response) => {
    serve(request, response, api, panes, consoleUrl).catch((error: Error) =>
      send(response, 400, { error: error.message }),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    consoleUrl,
    api,
    app,
    async close() {
      await closeServer(server);
      await app.close();
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
      for (const [key, value] of Object.entries(before)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
}

/** The demo's set-up, then everyone opens the bot (each chat shows the person's menu). */
async function prepare(
  api: FakeBotApi,
  app: INestApplication,
  people: Record<keyof typeof PEOPLE, TelegramUser>,
) {
  await masterWithGroup(app, api, PEOPLE, WORK_GROUP);
  for (const person of Object.values(people)) {
    person.say('/start');
    await person.expect('Выберите действие');
  }
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  api: FakeBotApi,
  panes: Pane[],
  consoleUrl: string,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://sandbox');
  const page = STATIC[url.pathname];
  if (request.method === 'GET' && page) {
    response.writeHead(200, {
      'content-type': page[1],
      'content-security-policy': "default-src 'self'; img-src 'self' data:",
    });
    response.end(readFileSync(join(__dirname, page[0])));
    return;
  }
  if (request.method === 'GET' && url.pathname === '/api/state') {
    return send(response, 200, state(api, panes, consoleUrl));
  }
  const file = /^\/api\/file\/(-?\d+)\/(\d+)$/.exec(url.pathname);
  if (request.method === 'GET' && file) {
    const message = api.messages(Number(file[1])).find((m) => m.message_id === Number(file[2]));
    if (!message?.document) return send(response, 404, { error: 'no such document' });
    response.writeHead(200, {
      'content-type': message.document.mime_type ?? 'application/octet-stream',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(message.document.file_name ?? 'file')}`,
    });
    response.end(message.document.bytes);
    return;
  }
  if (request.method === 'POST' && url.pathname === '/api/act') {
    const body = JSON.parse(await readBody(request)) as {
      pane: string;
      text?: string;
      messageId?: number;
      data?: string;
    };
    const pane = panes.find((p) => p.id === body.pane);
    if (!pane) return send(response, 404, { error: 'no such pane' });
    if (typeof body.text === 'string' && body.text.trim()) {
      pane.person.say(body.text.trim().slice(0, 4096), pane.chatId);
    } else if (typeof body.messageId === 'number' && typeof body.data === 'string') {
      const message = api.messages(pane.chatId).find((m) => m.message_id === body.messageId);
      if (!message) return send(response, 404, { error: 'no such message' });
      pane.lastQueryId = api.userPressesButton(pane.person.user, message, body.data).callback_query
        ?.id;
    }
    return send(response, 200, { ok: true });
  }
  send(response, 404, { error: 'not found' });
}

/** Every pane's messages as the page draws them, with the keyboard the person sees now. */
function state(api: FakeBotApi, panes: Pane[], consoleUrl: string) {
  return {
    consoleUrl,
    panes: panes.map((pane) => {
      const messages = api.messages(pane.chatId, { includeUsers: true }).filter((m) => !m.deleted);
      const toast = pane.lastQueryId ? api.callbackAnswers(pane.lastQueryId)[0] : undefined;
      return {
        id: pane.id,
        title: pane.title,
        chatId: pane.chatId,
        toast: toast?.text ? { text: toast.text, alert: toast.show_alert, at: toast.at } : null,
        keyboard: replyKeyboard(messages, pane.person.id),
        messages: messages
          .filter((m) => m.fromBot || m.text !== undefined)
          .map((m) => ({
            id: m.message_id,
            mine: m.from.id === pane.person.id,
            fromBot: m.fromBot,
            author: m.fromBot ? '🤖 Бот' : [m.from.first_name, m.from.last_name].join(' ').trim(),
            html: renderMessage(m),
            edited: m.edited,
            buttons: inlineButtons(m),
            document: m.document
              ? {
                  name: m.document.file_name ?? 'file',
                  url: `/api/file/${pane.chatId}/${m.message_id}`,
                }
              : null,
          })),
      };
    }),
  };
}

function inlineButtons(message: StoredMessage) {
  const markup = message.reply_markup;
  if (!markup || !('inline_keyboard' in markup)) return [];
  return markup.inline_keyboard.map((row) =>
    row.map((b) => ({ text: b.text, data: b.callback_data ?? null, url: b.url ?? null })),
  );
}

/** The newest reply keyboard the bot showed this person (until one removes it). */
function replyKeyboard(messages: StoredMessage[], personId: number): string[][] {
  for (const message of [...messages].reverse()) {
    if (!message.fromBot) continue;
    const markup = message.reply_markup;
    if (!markup) continue;
    if ('remove_keyboard' in markup) return [];
    if ('keyboard' in markup) {
      if (markup.selective && message.chat.type !== 'private' && !mentions(message, personId)) {
        continue;
      }
      return markup.keyboard.map((row) => row.map((b) => (typeof b === 'string' ? b : b.text)));
    }
  }
  return [];
}

const mentions = (message: StoredMessage, personId: number) =>
  Boolean(message.entities?.some((e) => e.url === `tg://user?id=${personId}`));

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** A port nobody listens on now, so the console's public URL is known before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
