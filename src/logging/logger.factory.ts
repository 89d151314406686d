import type { LoggerService } from '@nestjs/common';
import { WinstonModule } from 'nest-winston';
import { join } from 'node:path';
import { format, transports } from 'winston';
import type { LogLevel } from '../config/environment';
import { maskPhones } from './mask-phones';

const TEN_MEGABYTES = 10 * 1024 * 1024;

export interface LoggerSettings {
  LOG_LEVEL: LogLevel;
  LOG_DIR: string;
}

// Masks the message and every string field except at debug level and below.
const maskPhonesAboveDebug = format((info) => {
  if (info.level === 'debug' || info.level === 'verbose') return info;
  for (const [key, value] of Object.entries(info)) {
    if (typeof value === 'string') info[key] = maskPhones(value);
  }
  return info;
});

/** Structured JSON logs to stdout and to `<LOG_DIR>/bot.log`, rotated at 10 MB, 5 files kept. */
export function createAppLogger(settings: LoggerSettings): LoggerService {
  const structured = format.combine(
    maskPhonesAboveDebug(),
    format.timestamp(),
    format.errors({ stack: true }),
    format.json(),
  );
  return WinstonModule.createLogger({
    level: settings.LOG_LEVEL,
    format: structured,
    transports: [
      new transports.Console(),
      new transports.File({
        filename: join(settings.LOG_DIR, 'bot.log'),
        maxsize: TEN_MEGABYTES,
        maxFiles: 5,
        tailable: true,
      }),
    ],
  });
}
