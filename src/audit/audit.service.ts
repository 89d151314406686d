import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditLog } from './audit-log.entity';

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  entityType: 'order' | 'user' | 'master' | 'role' | 'intake_draft' | 'intake_group';
  entityId: number | null;
  details?: Record<string, unknown>;
}

/** Writes audit rows inside the caller's transaction, so an audited change and its row commit together. */
@Injectable()
export class AuditService {
  async record(tx: EntityManager, entry: AuditEntry): Promise<void> {
    await tx.save(tx.create(AuditLog, { ...entry, details: entry.details ?? null }));
  }
}
