import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clientErrorStatus, ClientErrorFilter } from '../../common/http/client-error.filter';
import { problem, Problem, ProblemException } from './problem';

/** Every answer of the API that is not a success, as `application/problem+json`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('API');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.problemOf(exception, host.switchToHttp().getRequest<Request>());
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }

  private problemOf(exception: unknown, request: Request): Problem {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return problem(status, codeOf(status), exception.message);
    }
    // Raised by express middleware before a controller: body-parser's 400 for malformed JSON,
    // 413 for a body over the limit. The client's mistake: a warning, not an error with a stack.
    const clientStatus = clientErrorStatus(exception);
    if (clientStatus !== undefined) {
      const message = (exception as Error).message;
      this.logger.warn(`${request.method} ${request.originalUrl} → ${clientStatus}: ${message}`);
      return problem(clientStatus, codeOf(clientStatus), message);
    }
    this.logger.error(`Unexpected error: ${(exception as Error)?.stack ?? String(exception)}`);
    return problem(500, 'internal');
  }
}

const codeOf = (status: number) => (status === 429 ? 'rate_limited' : `http_${status}`);

/**
 * The application's filter for what no controller's filter took. Under `/api/` that is an
 * error raised before a controller runs — a malformed JSON body, a route that does not exist —
 * and it is still answered as the API's problem+json; elsewhere the default answer.
 */
@Catch()
export class AppErrorFilter extends ClientErrorFilter {
  private readonly problems = new ProblemFilter();

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() === 'http' && isApiPath(host.switchToHttp().getRequest<Request>().path)) {
      return this.problems.catch(exception, host);
    }
    super.catch(exception, host);
  }
}

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');
