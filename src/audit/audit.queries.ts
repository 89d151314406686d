import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditEntry } from './audit.service';
import { AuditLog } from './audit-log.entity';

// Adapters name the shape; only this module reads and writes the rows.
export type { AuditLog } from './audit-log.entity';

/** Reads of the audit log: what admins see of a record's past (the REST API's order view). */
@Injectable()
export class AuditQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** A record's audit rows, oldest first (IDX_audit_log_entity_type_entity_id); `take` at most. */
  forEntity(
    entityType: AuditEntry['entityType'],
    entityId: number,
    take?: number,
  ): Promise<AuditLog[]> {
    return this.dataSource
      .getRepository(AuditLog)
      .find({ where: { entityType, entityId }, order: { id: 'ASC' }, take });
  }
}
