import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
    const rows = await this.dataSource
      .getRepository(AuditLog)
      .createQueryBuilder('a')
      .leftJoinAndMapOne('a.actor', User, 'u', 'u.id = a.actor_user_id')
      .where('a.entity_type = :type AND a.entity_id = :orderId', { type: 'order', orderId })
      .orderBy('a.id', 'ASC')
      .take(200)
      .getMany();
    return rows.map((row: AuditLog & { actor?: User | null }) => ({
      at: row.createdAt,
      action: row.action,
      actorName: row.actor ? displayName(row.actor) : null,
      details: row.details,
    }));
  }
}
