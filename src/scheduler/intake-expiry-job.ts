import { Injectable, Logger } from '@nestjs/common';
import { IntakeService } from '../intake/intake.service';
import type { ScheduledJob } from './job-runner';

/** Closes intake drafts nobody decided on in time (`intake.draftTtl`), with a notice. */
@Injectable()
export class IntakeExpiryJob implements ScheduledJob {
  readonly name = 'intake.expiry';
  private readonly logger = new Logger(IntakeExpiryJob.name);

  constructor(private readonly intake: IntakeService) {}

  async run(now: Date): Promise<void> {
    const expired = await this.intake.expireDue(now);
    if (expired.length) this.logger.log(`${expired.length} intake draft(s) expired`);
  }
}
