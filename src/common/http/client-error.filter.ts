import { ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * A client's mistake is not the service's failure. Errors that express middleware raises with a
 * 4xx status (body-parser's 413 for a body over the limit, 415, a bad charset…) reach Nest as
 * unknown errors, which it would log at error level with a stack — so anyone who can reach the
 * port could fill the error log. They get the same answer, and a one-line warning instead.
 */
@Catch()
export class ClientErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('HTTP');

  override catch(exception: unknown, host: ArgumentsHost): void {
    const status = host.getType() === 'http' ? clientErrorStatus(exception) : undefined;
    if (status === undefined) return super.catch(exception, host);
    const message = (exception as Error).message;
    const request = host.switchToHttp().getRequest<{ method: string; originalUrl: string }>();
    this.logger.warn(`${request.method} ${request.originalUrl} → ${status}: ${message}`);
    super.catch(new HttpException({ statusCode: status, message }, status), host);
  }
}

/** The 4xx status of an http-errors error (`expose` marks it as safe to tell the client). */
export function clientErrorStatus(exception: unknown): number | undefined {
  if (exception instanceof HttpException || typeof exception !== 'object' || !exception) {
    return undefined;
  }
  const { status, expose } = exception as { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500
    ? status
    : undefined;
}
