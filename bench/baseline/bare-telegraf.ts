// The baseline of `npm run bench -- webhook`: a bare telegraf 4.16 bot doing the comparable
// minimum per update on the same database engine and settings — the processed-update row, the
// user upsert, a session row read and written (Redis with REDIS_URL, as the service), and a reply
// with the same text and keyboard the service sent (REPLIES_FILE, taken from the service's run).
import Database from 'better-sqlite3';
import Redis from 'ioredis';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { Telegraf } from 'telegraf';

interface Store {
  seen(updateId: number): Promise<boolean>;
  upsertUser(from: {
    id: number;
    first_name?: string;
    last_name?: string;
    username?: string;
  }): Promise<number>;
  readSession(key: string): Promise<string | undefined>;
  writeSession(key: string, data: string): Promise<void>;
  processed(updateId: number): Promise<void>;
}

const env = process.env;

function sqliteStore(file: string): Store {
  const db = new Database(file);
  // The service's settings (src/database/data-source-options.ts).
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS processed_updates (update_id integer PRIMARY KEY, processed_at datetime NOT NULL DEFAULT (datetime('now')));
    CREATE TABLE IF NOT EXISTS users (id integer PRIMARY KEY AUTOINCREMENT, telegram_id bigint NOT NULL UNIQUE,
      first_name varchar, last_name varchar, username varchar, updated_at datetime NOT NULL DEFAULT (datetime('now')));
    CREATE TABLE IF NOT EXISTS telegram_sessions (key varchar PRIMARY KEY, data text NOT NULL, updated_at datetime NOT NULL DEFAULT (datetime('now')));`);
  const seen = db.prepare('SELECT 1 FROM processed_updates WHERE update_id = ?');
  const upsert =
    db.prepare(`INSERT INTO users (telegram_id, first_name, last_name, username) VALUES (?, ?, ?, ?)
    ON CONFLICT (telegram_id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
    username = excluded.username, updated_at = datetime('now') RETURNING id`);
  const read = db.prepare('SELECT data FROM telegram_sessions WHERE key = ?');
  const write = db.prepare(`INSERT INTO telegram_sessions (key, data) VALUES (?, ?)
    ON CONFLICT (key) DO UPDATE SET data = excluded.data, updated_at = datetime('now')`);
  const done = db.prepare('INSERT OR IGNORE INTO processed_updates (update_id) VALUES (?)');
  return {
    seen: async (id) => seen.get(id) !== undefined,
    upsertUser: async (f) =>
      (
        upsert.get(f.id, f.first_name ?? null, f.last_name ?? null, f.username ?? null) as {
          id: number;
        }
      ).id,
    readSession: async (key) => (read.get(key) as { data: string } | undefined)?.data,
    writeSession: async (key, data) => void write.run(key, data),
    processed: async (id) => void done.run(id),
  };
}

async function postgresStore(url: string, redisUrl: string): Promise<Store> {
  const pool = new Pool({ connectionString: url });
  await pool.query(`
    CREATE TABLE IF NOT EXISTS processed_updates (update_id bigint PRIMARY KEY, processed_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE IF NOT EXISTS users (id serial PRIMARY KEY, telegram_id bigint NOT NULL UNIQUE,
      first_name varchar, last_name varchar, username varchar, updated_at timestamptz NOT NULL DEFAULT now());`);
  const redis = new Redis(redisUrl);
  return {
    seen: async (id) =>
      (
        await pool.query({
          name: 'seen',
          text: 'SELECT 1 FROM processed_updates WHERE update_id = $1',
          values: [id],
        })
      ).rowCount! > 0,
    upsertUser: async (f) =>
      (
        await pool.query({
          name: 'upsert',
          text: `INSERT INTO users (telegram_id, first_name, last_name, username) VALUES ($1, $2, $3, $4)
            ON CONFLICT (telegram_id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
            username = excluded.username, updated_at = now() RETURNING id`,
          values: [f.id, f.first_name ?? null, f.last_name ?? null, f.username ?? null],
        })
      ).rows[0].id as number,
    readSession: async (key) => (await redis.get(`baseline:session:${key}`)) ?? undefined,
    writeSession: async (key, data) =>
      void (await redis.set(`baseline:session:${key}`, data, 'EX', 2_592_000)),
    processed: async (id) =>
      void (await pool.query({
        name: 'done',
        text: 'INSERT INTO processed_updates (update_id) VALUES ($1) ON CONFLICT DO NOTHING',
        values: [id],
      })),
  };
}

async function main() {
  const store = env.DATABASE_URL
    ? await postgresStore(env.DATABASE_URL, env.REDIS_URL ?? 'redis://127.0.0.1:6379')
    : sqliteStore(env.DATABASE_PATH ?? 'baseline.db');
  const replies = JSON.parse(readFileSync(env.REPLIES_FILE ?? '', 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  const bot = new Telegraf(env.BOT_TOKEN ?? '', {
    telegram: { apiRoot: env.TELEGRAM_API_ROOT, webhookReply: false },
  });
  bot.botInfo = await bot.telegram.getMe();
  bot.use(async (ctx) => {
    if (!ctx.from || !ctx.chat) return;
    if (await store.seen(ctx.update.update_id)) return;
    const userId = await store.upsertUser(ctx.from);
    const key = String(ctx.from.id);
    const session = JSON.parse((await store.readSession(key)) ?? '{}') as Record<string, unknown>;
    session.userId = userId;
    await store.writeSession(key, JSON.stringify(session));
    const text = ctx.text ?? '';
    const { chat_id: _chat, text: replyText, ...extra } = replies[text] ?? replies['/start'];
    await ctx.telegram.sendMessage(ctx.chat.id, String(replyText), extra);
    await store.processed(ctx.update.update_id);
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bot
        .handleUpdate(JSON.parse(Buffer.concat(chunks).toString()))
        .then(() => res.end())
        .catch(() => {
          res.statusCode = 500;
          res.end();
        });
    });
  });
  server.listen(Number(env.HTTP_PORT), '127.0.0.1');
}

void main();
