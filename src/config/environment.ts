import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';
import { isValidTimeZone } from './time-zone';

const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Comma-separated Telegram user ids, e.g. "123,456". Empty means none. */
const ID_LIST = /^\s*(\d{1,15}\s*(,\s*\d{1,15}\s*)*)?$/;

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['true', '1', 'yes'].includes(value.trim().toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/**
 * Every environment variable the service reads. Each one is documented in `.env.example`;
 * `HINTS` says what start-up prints when a variable is wrong.
 */
export class Environment {
  @IsString()
  @Matches(/^\d+:[\w-]{20,}$/)
  BOT_TOKEN: string;

  @IsOptional()
  @Matches(ID_LIST)
  ADMIN_IDS: string = '';

  @IsOptional()
  @Matches(ID_LIST)
  DISPATCHER_IDS: string = '';

  @IsString()
  @IsNotEmpty()
  DATABASE_PATH: string = 'data/bot_database.db';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/)
  DATABASE_URL?: string;

  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN: boolean = true;

  @IsString()
  @isValidTimeZone()
  TZ: string = 'Europe/Moscow';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @IsString()
  LOG_DIR: string = 'logs';

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  SENTRY_DSN?: string;

  @IsString()
  ENVIRONMENT: string = 'development';

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/)
  REDIS_URL?: string;

  /**
   * With REDIS_URL: how long a replica's hold on a chat (and on an update id) lasts unless it
   * renews it — the longest a dead replica can keep a chat waiting.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  REPLICA_LEASE_MS: number = 15_000;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] })
  WEBHOOK_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,256}$/)
  WEBHOOK_SECRET?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  TELEGRAM_API_ROOT?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT: number = 3000;

  /**
   * Reverse proxies in front of the service (nginx in the replicas compose: 1). Their
   * X-Forwarded-For then names the client, which the sign-in attempt limit counts by.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5)
  TRUST_PROXY_HOPS: number = 0;

  /** Where people open the web console (`/web` links); http://localhost:HTTP_PORT when empty. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  WEB_PUBLIC_URL?: string;

  /** How long a web console session lasts after signing in. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  WEB_SESSION_HOURS: number = 12;

  @Transform(toBoolean)
  @IsBoolean()
  REVIEW_BONUS_ENABLED: boolean = false;

  /** A replica that must not run the scheduled jobs (the others still run each tick once). */
  @Transform(toBoolean)
  @IsBoolean()
  SCHEDULER_DISABLED: boolean = false;

  @IsString()
  BACKUP_DIR: string = 'backups';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  BACKUP_KEEP_DAYS: number = 30;

  @IsOptional()
  @IsString()
  BUSINESS_CONFIG_OVERRIDE?: string;

  @Transform(toInt)
  @IsNumber()
  @Min(0.1)
  FLOOD_UPDATES_PER_SECOND: number = 2;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  FLOOD_BURST: number = 4;

  /** Telegram's limits, as the outbox sender's token buckets (docs/product.md §7). */
  @Transform(toInt)
  @IsPositive()
  OUTBOX_GLOBAL_PER_SECOND: number = 30;

  @Transform(toInt)
  @IsPositive()
  OUTBOX_PRIVATE_PER_SECOND: number = 1;

  @Transform(toInt)
  @IsPositive()
  OUTBOX_GROUP_PER_MINUTE: number = 20;

  /** Tries of one notification on 5xx and network errors before it is marked failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_MAX_ATTEMPTS: number = 10;

  /** First retry delay after a 5xx or network error; it doubles with each try (capped at 5 min). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_RETRY_BASE_MS: number = 1000;

  /** REST API calls one key may make per minute; more are answered 429 with Retry-After. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  API_RATE_LIMIT: number = 120;
}

/** How to fix each variable: printed next to its value when validation fails. */
const HINTS: Record<keyof Environment, string> = {
  BOT_TOKEN:
    'set it to the token from @BotFather, e.g. "123456789:AAE…" (any token works with npm run demo)',
  ADMIN_IDS: 'use comma-separated numeric Telegram user ids, e.g. "12345,67890"',
  DISPATCHER_IDS: 'use comma-separated numeric Telegram user ids, e.g. "12345,67890"',
  DATABASE_PATH: 'set a SQLite file path, e.g. "data/bot_database.db"',
  DATABASE_URL: 'use a PostgreSQL URL: postgres://user:password@host:5432/database',
  MIGRATIONS_RUN: 'use true or false',
  TZ: 'use an IANA time zone such as "Europe/Moscow"',
  LOG_LEVEL: `use one of: ${LOG_LEVELS.join(', ')}`,
  LOG_DIR: 'set a directory for log files, e.g. "logs"',
  SENTRY_DSN: 'copy the DSN URL from your Sentry project settings, or leave it empty',
  ENVIRONMENT: 'name the deployment, e.g. "production"',
  REDIS_URL: 'use a Redis URL such as redis://127.0.0.1:6379, or leave it empty',
  REPLICA_LEASE_MS: 'use a whole number of milliseconds, 1000 or more, e.g. 15000',
  WEBHOOK_URL: 'set the public https URL Telegram will call, or leave it empty for long polling',
  WEBHOOK_SECRET: 'use 1-256 characters of A-Z, a-z, 0-9, "_" and "-"',
  TELEGRAM_API_ROOT:
    'use a URL such as http://127.0.0.1:8081, or leave it empty for api.telegram.org',
  HTTP_PORT: 'use a whole number between 1 and 65535',
  TRUST_PROXY_HOPS: 'use the number of reverse proxies in front of the service, 0 to 5',
  WEB_PUBLIC_URL:
    'use the URL people open the console at, e.g. https://dispatch.example.ru, or leave it empty',
  WEB_SESSION_HOURS: 'use a whole number of hours between 1 and 720, e.g. 12',
  REVIEW_BONUS_ENABLED: 'use true or false',
  SCHEDULER_DISABLED: 'use true or false',
  BACKUP_DIR: 'set a directory for backups, e.g. "backups"',
  BACKUP_KEEP_DAYS: 'use a whole number of days, 1 or more',
  BUSINESS_CONFIG_OVERRIDE: 'set the path of a YAML file that overrides config/business.yaml',
  FLOOD_UPDATES_PER_SECOND:
    'use a positive number of updates per second one person may send, e.g. 2',
  FLOOD_BURST: 'use a whole number of updates one person may send at once, e.g. 4',
  OUTBOX_GLOBAL_PER_SECOND:
    "use a positive number of messages per second, e.g. 30 (Telegram's limit)",
  OUTBOX_PRIVATE_PER_SECOND: 'use a positive number of messages per second to one chat, e.g. 1',
  OUTBOX_GROUP_PER_MINUTE: 'use a positive number of messages per minute to one group, e.g. 20',
  OUTBOX_MAX_ATTEMPTS: 'use a whole number of tries, 1 or more, e.g. 10',
  OUTBOX_RETRY_BASE_MS: 'use a whole number of milliseconds, 1 or more, e.g. 1000',
  API_RATE_LIMIT: 'use a whole number of calls per minute, 1 or more, e.g. 120',
};

/** Never echoed back: start-up output ends up in logs. */
const SECRETS = new Set<keyof Environment>([
  'BOT_TOKEN',
  'DATABASE_URL',
  'SENTRY_DSN',
  'WEBHOOK_SECRET',
  'REDIS_URL',
]);

/** Turns the raw environment into a validated `Environment`, or lists every problem. */
export function parseEnvironment(raw: Record<string, string | undefined>): {
  env?: Environment;
  problems: string[];
} {
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const env = plainToInstance(Environment, present, { exposeDefaultValues: true });
  const problems = validateSync(env).map((error) => {
    const name = error.property as keyof Environment;
    const value = raw[name];
    const shown =
      value === undefined || value === ''
        ? 'is missing'
        : SECRETS.has(name)
          ? 'is set but invalid'
          : `is "${value}"`;
    return `${name} ${shown}: ${HINTS[name]}`;
  });
  // Without a secret anyone who finds the URL could post updates as any user.
  if (env.WEBHOOK_URL && !env.WEBHOOK_SECRET) {
    problems.push(`WEBHOOK_SECRET is missing: ${HINTS.WEBHOOK_SECRET} (required with WEBHOOK_URL)`);
  }
  return problems.length ? { problems } : { env, problems };
}

export function parseIdList(list: string): number[] {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(Number);
}
