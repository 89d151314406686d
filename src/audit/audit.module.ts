import { Global, Module } from '@nestjs/common';
import { AuditQueries } from './audit.queries';
import { AuditService } from './audit.service';

@Global()
@Module({ providers: [AuditService, AuditQueries], exports: [AuditService, AuditQueries] })
export class AuditModule {}
