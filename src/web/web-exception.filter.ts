import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { webTexts } from '../texts/ru/web';
import type { WebRequest } from './auth/web-guard';
import { messagePage } from './views/layout';

/** Console errors as pages in Russian (not Nest's JSON): 401 says how to sign in, 403 why not. */
@Catch(HttpException)
export class WebExceptionFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<WebRequest>();
    const status = exception.getStatus();
    const title =
      status === HttpStatus.UNAUTHORIZED
        ? webTexts.login.needed
        : status === HttpStatus.FORBIDDEN
          ? webTexts.errors.forbidden
          : status === HttpStatus.NOT_FOUND
            ? webTexts.errors.notFound
            : String(status);
    const text = status === HttpStatus.UNAUTHORIZED ? webTexts.login.how : exception.message;
    response
      .status(status)
      .type('html')
      .send(messagePage(title, text, request.visitor).value);
  }
}
