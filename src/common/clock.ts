import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The one source of "now" for use cases and jobs: an order's closing time, a parsed arrival
 * time, a job's tick. Specs replace it (`overrideProvider(Clock)`) to control time.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** `Clock` for every module, one instance, so a spec that moves time moves it everywhere. */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
