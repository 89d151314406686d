import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ApiRequest } from './api-key.guard';

/** Rate limits per API key (after the key guard), so one busy integration never slows another. */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: ApiRequest): Promise<string> {
    return Promise.resolve(request.apiKey ? `key:${request.apiKey.keyId}` : `ip:${request.ip}`);
  }
}
