import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { setupApiDocs } from '../../src/api/openapi';
import { AppModule } from '../../src/app.module';
import { FakeBotApi } from './fake-bot-api';

/** The whole service in this process, on a temp SQLite file, talking HTTP to a fake Bot API. */
export interface BotApp {
  app: INestApplication;
  api: FakeBotApi;
  dataSource: DataSource;
  /** Stops the service and starts it again on the same database and fake (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** `prepare` runs on the fake before the service starts (e.g. to inject a start-up fault). */
export async function startBotApp(
  env: Record<string, string> = {},
  prepare: (api: FakeBotApi) => void = () => undefined,
): Promise<BotApp> {
  const api = await FakeBotApi.start();
  prepare(api);
  const dir = mkdtempSync(join(tmpdir(), 'repair-dispatch-bot-'));
  Object.assign(process.env, {
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_PATH: join(dir, 'bot.db'),
    LOG_DIR: join(dir, 'logs'),
    MIGRATIONS_RUN: 'true',
    ...env,
  });
  const port = Number(env.HTTP_PORT ?? 0);
  let app = await launch(port);
  const bot: BotApp = {
    app,
    api,
    get dataSource() {
      return app.get(DataSource);
    },
    async restart() {
      await app.close();
      app = await launch(port);
      bot.app = app;
    },
    async close() {
      await app.close();
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return bot;
}

async function launch(port: number): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(), { logger: ['error', 'warn'] });
  setupApiDocs(app);
  await app.listen(port, '127.0.0.1');
  return app;
}
