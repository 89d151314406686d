import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditLog } from './audit-log.entity';
import { currentAuditVia } from './audit-context';

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  entityType:
    'order' | 'user' | 'master' | 'role' | 'intake_draft' | 'intake_group' | 'api_key' | 'webhook';
  entityId: number | null;
  details?: Record<string, unknown>;
}

/** Writes audit rows inside the caller's transaction, so an audited change and its row commit together. */
@Injectable()
export class AuditService {
  async record(tx: EntityManager, entry: AuditEntry): Promise<void> {
    const via = currentAuditVia();
    const details = via ? { ...entry.details, via } : (entry.details ?? null);
    // Nothing reads the row back: without updateEntity SQLite would SELECT its id and instant.
    await tx
      .createQueryBuilder()
      .insert()
      .into(AuditLog)
      // The JSON column's value is an object TypeORM serializes, which its insert type does not model.
      .values({ ...entry, details } as QueryDeepPartialEntity<AuditLog>)
      .updateEntity(false)
      .execute();
  }
}
