import {
  applyDecorators,
  Controller,
  UseFilters,
  UseGuards,
  UseInterceptors,
  UsePipes,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from './api-key.guard';
import { AuditViaInterceptor } from './audit-via.interceptor';
import { KeyThrottlerGuard } from './key-throttler.guard';
import { ProblemFilter } from './problem.filter';
import { apiValidation } from './validation';

/**
 * A REST API controller under `/api/v1`: a key is required and rate-limited, DTOs validated,
 * failures answered as problem+json, audit rows labelled with the key.
 */
export const ApiController = (path: string, tag: string) =>
  applyDecorators(
    Controller(`api/v1/${path}`),
    ApiTags(tag),
    ApiBearerAuth(),
    UseGuards(ApiKeyGuard, KeyThrottlerGuard),
    UseInterceptors(AuditViaInterceptor),
    UseFilters(ProblemFilter),
    UsePipes(apiValidation),
  );
