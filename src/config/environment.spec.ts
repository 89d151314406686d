import { parseEnvironment, parseIdList } from './environment';

const VALID = { BOT_TOKEN: '123456789:AAEabcdefghijklmnopqrstuvwxyz' };

describe('parseEnvironment', () => {
  it('fills defaults for everything optional', () => {
    const { env, problems } = parseEnvironment(VALID);
    expect(problems).toEqual([]);
    expect(env).toMatchObject({
      DATABASE_PATH: 'data/bot_database.db',
      TZ: 'Europe/Moscow',
      LOG_LEVEL: 'info',
      LOG_DIR: 'logs',
      HTTP_PORT: 3000,
      MIGRATIONS_RUN: true,
      REVIEW_BONUS_ENABLED: false,
      BACKUP_KEEP_DAYS: 30,
      ADMIN_IDS: '',
    });
  });

  it('converts numbers and booleans from their text form', () => {
    const { env } = parseEnvironment({
      ...VALID,
      HTTP_PORT: '8080',
      MIGRATIONS_RUN: 'false',
      REVIEW_BONUS_ENABLED: 'true',
      BACKUP_KEEP_DAYS: '7',
    });
    expect(env).toMatchObject({
      HTTP_PORT: 8080,
      MIGRATIONS_RUN: false,
      REVIEW_BONUS_ENABLED: true,
      BACKUP_KEEP_DAYS: 7,
    });
  });

  it('lists every problem at once, each with how to fix it', () => {
    const { env, problems } = parseEnvironment({
      ADMIN_IDS: 'abc',
      TZ: 'Mars/Olympus',
      HTTP_PORT: '99999',
      LOG_LEVEL: 'loud',
    });
    expect(env).toBeUndefined();
    expect(problems).toEqual([
      expect.stringMatching(/^BOT_TOKEN is missing: .*@BotFather/),
      expect.stringMatching(/^ADMIN_IDS is "abc": .*numeric Telegram user ids/),
      expect.stringMatching(/^TZ is "Mars\/Olympus": .*Europe\/Moscow/),
      expect.stringMatching(/^LOG_LEVEL is "loud": use one of: error, warn, info/),
      expect.stringMatching(/^HTTP_PORT is "99999": .*between 1 and 65535/),
    ]);
  });

  it('never echoes a secret back', () => {
    const { problems } = parseEnvironment({ BOT_TOKEN: 'secret-but-malformed' });
    expect(problems).toEqual([expect.stringMatching(/^BOT_TOKEN is set but invalid: /)]);
    expect(problems.join('\n')).not.toContain('secret-but-malformed');
  });

  it('accepts PostgreSQL URLs and rejects other databases', () => {
    expect(
      parseEnvironment({ ...VALID, DATABASE_URL: 'postgres://u:p@db:5432/app' }).problems,
    ).toEqual([]);
    expect(parseEnvironment({ ...VALID, DATABASE_URL: 'mysql://db/app' }).problems).toEqual([
      expect.stringMatching(/^DATABASE_URL is set but invalid: .*postgres:\/\//),
    ]);
  });
});

describe('webhook settings', () => {
  it('requires a secret with a webhook URL', () => {
    expect(parseEnvironment({ ...VALID, WEBHOOK_URL: 'https://bot.example.com' }).problems).toEqual(
      [expect.stringMatching(/^WEBHOOK_SECRET is missing: .*required with WEBHOOK_URL/)],
    );
    expect(
      parseEnvironment({
        ...VALID,
        WEBHOOK_URL: 'https://bot.example.com',
        WEBHOOK_SECRET: 's3cret',
      }).problems,
    ).toEqual([]);
  });
});

describe('parseIdList', () => {
  it('reads comma-separated ids with spaces', () => {
    expect(parseIdList(' 12, 345 ,6789')).toEqual([12, 345, 6789]);
    expect(parseIdList('')).toEqual([]);
  });
});
