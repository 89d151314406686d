import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { auditVia } from '../../audit/audit-context';
import { ApiRequest, keyOf } from './api-key.guard';

/** Every audit row a request writes carries the key's name (`details.via.apiKey`). */
@Injectable()
export class AuditViaInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const key = keyOf(context.switchToHttp().getRequest<ApiRequest>());
    return new Observable((subscriber) =>
      auditVia({ apiKey: key.keyName }, () => next.handle().subscribe(subscriber)),
    );
  }
}
