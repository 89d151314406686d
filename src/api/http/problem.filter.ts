import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { problem, Problem, ProblemException } from './problem';

/** Every answer of the API that is not a success, as `application/problem+json`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('API');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.problemOf(exception);
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }

  private problemOf(exception: unknown): Problem {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 429 ? 'rate_limited' : `http_${status}`;
      return problem(status, code, exception.message);
    }
    this.logger.error(`Unexpected error: ${(exception as Error)?.stack ?? String(exception)}`);
    return problem(500, 'internal');
  }
}
