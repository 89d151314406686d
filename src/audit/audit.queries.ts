import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditEntry } from './audit.service';
import { AuditLog } from './audit-log.entity';

/** Reads of the audit log: what admins see of a record's past (the REST API's order view). */
@Injectable()
export class AuditQueries {
  constructor(private readonly dataSource: DataSource) {}

  forEntity(entityType: AuditEntry['entityType'], entityId: number): Promise<AuditLog[]> {
    return this.dataSource
      .getRepository(AuditLog)
      .find({ where: { entityType, entityId }, order: { id: 'ASC' } });
  }
}
