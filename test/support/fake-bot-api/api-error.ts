import type { ApiResponse, ResponseParameters } from './types';

/** A refusal as the Bot API words it; handlers throw it and the envelope turns it into JSON. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = 'ApiError';
  }

  toResponse(): ApiResponse {
    return {
      ok: false,
      error_code: this.code,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

export const badRequest = (reason: string, parameters?: ResponseParameters): ApiError =>
  new ApiError(400, `Bad Request: ${reason}`, parameters);

export const forbidden = (reason: string): ApiError => new ApiError(403, `Forbidden: ${reason}`);

export const tooManyRequests = (retryAfter: number): ApiError =>
  new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
