import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { BusinessConfig } from '../config/business-config';
import type { Environment } from '../config/environment';
import type { DraftFields } from './intake-draft.entity';
import { IntakeParse, parseIntakeMessage } from './intake.parser';

/** The order fields read from a message, for adapters (the draft entity stays the module's own). */
export type { DraftFields };

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

  /** The order's fields a message holds, or null when it reads as no order. */
  readOrder(text: string): DraftFields | null {
    const parsed = this.read(text);
    return parsed.isOrder ? draftFieldsOf(parsed.fields) : null;
  }
}

/** The parser's reading as the order's fields: the address as one line, the arrival as typed. */
export function draftFieldsOf(parsed: IntakeParse['fields']): DraftFields {
  return {
    equipmentType: parsed.equipmentType,
    problem: parsed.problem,
    clientName: parsed.clientName,
    clientAddress: parsed.address?.text ?? null,
    clientPhone: parsed.clientPhone,
    notes: parsed.notes,
    arrivalText: parsed.arrival?.text ?? null,
  };
}
