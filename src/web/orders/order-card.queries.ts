import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditLog } from '../../audit/audit-log.entity';
import { User } from '../../users/user.entity';
import { displayName } from '../../users/users.service';

/** One line of the order's audit trail, with who did it. */
export interface AuditEntry {
  at: Date;
  action: string;
  actorName: string | null;
  details: Record<string, unknown> | null;
}

/** The audit rows of one order (IDX_audit_log_entity_type_entity_id), oldest first. */
@Injectable()
export class OrderCardQueries {
  constructor(private readonly dataSource: DataSource) {}

  async auditOf(orderId: number): Promise<AuditEntry[]> {
    const rows = await this.dataSource.getRepository(AuditLog).find({
      where: { entityType: 'order', entityId: orderId },
      order: { id: 'ASC' },
      take: 200,
    });
    const ids = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is number => !!id))];
    const users = ids.length
      ? await this.dataSource.getRepository(User).findBy({ id: In(ids) })
      : [];
    const names = new Map(users.map((u) => [u.id, displayName(u)]));
    return rows.map((row) => ({
      at: row.createdAt,
      action: row.action,
      actorName: row.actorUserId ? (names.get(row.actorUserId) ?? null) : null,
      details: row.details,
    }));
  }
}
