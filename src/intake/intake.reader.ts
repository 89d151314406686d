import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { BusinessConfig } from '../config/business-config';
import type { Environment } from '../config/environment';
import { IntakeParse, parseIntakeMessage } from './intake.parser';

/**
 * The intake parser with this business's aliases, the clock and the time zone: one reading for
 * posts in intake groups and for messages pasted or forwarded to the bot in a private chat.
 */
@Injectable()
export class IntakeReader {
  constructor(
    private readonly business: BusinessConfig,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  read(text: string): IntakeParse {
    return parseIntakeMessage(text, {
      equipmentAliases: this.business.intake.equipmentAliases,
      now: new Date(),
      zone: this.config.get('TZ', { infer: true }),
    });
  }
}
