import type { INestApplication } from '@nestjs/common';
import type { FakeBotApi } from './fake-bot-api';
import { TelegramUser } from './telegram-user';

/** Where the service under test answers HTTP, e.g. http://127.0.0.1:41234. */
export async function baseUrlOf(app: INestApplication): Promise<string> {
  return (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');
}

/**
 * The sign-in link `/web` sends `user`, as a path on the service under test (the link's host
 * is WEB_PUBLIC_URL, unknown to a spec that listens on a random port).
 */
export async function loginPath(api: FakeBotApi, user: TelegramUser): Promise<string> {
  user.say('/web');
  const message = await user.expect('/web/login?token=');
  const url = /https?:\/\/\S+/.exec(message.visibleText ?? '')?.[0];
  if (!url) throw new Error(`no link in: ${message.visibleText}`);
  const link = new URL(url);
  return `${link.pathname}${link.search}`;
}

/** A signed-in browser without a browser: the cookie and the page's CSRF token. */
export interface ConsoleSession {
  cookie: string;
  csrf: string;
  get(path: string): Promise<Response>;
  post(path: string, form: Record<string, string>, csrf?: string): Promise<Response>;
}

export async function signIn(
  base: string,
  api: FakeBotApi,
  user: TelegramUser,
): Promise<ConsoleSession> {
  const login = await fetch(base + (await loginPath(api, user)), { redirect: 'manual' });
  if (login.status !== 303) throw new Error(`sign-in answered ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const board = await (await fetch(`${base}/web`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(board)?.[1] ?? '';
  const session: ConsoleSession = {
    cookie,
    csrf,
    get: (path) => fetch(base + path, { headers: { cookie }, redirect: 'manual' }),
    post: (path, form, token = session.csrf) =>
      fetch(base + path, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, ...form }).toString(),
        redirect: 'manual',
      }),
  };
  return session;
}
