import { Injectable } from '@nestjs/common';

/** The time source of the scheduler; specs override it to control time. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
