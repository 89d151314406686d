import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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
    await tx.save(tx.create(AuditLog, { ...entry, details }));
  }
}
