import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditQueries } from '../../audit/audit.queries';
import { UserRepository } from '../../users/user.repository';

/** One line of the order's audit trail, with who did it. */
export interface AuditEntry {
  at: Date;
  action: string;
  actorName: string | null;
  details: Record<string, unknown> | null;
}

/** How many audit rows the card shows at most. */
const TRAIL_ROWS = 200;

/**
 * The audit rows of one order, oldest first, and the names of who acted: two reads, as the
 * audit log and the people belong to two modules.
 */
@Injectable()
export class OrderCardQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditQueries,
    private readonly people: UserRepository,
  ) {}

  async auditOf(orderId: number): Promise<AuditEntry[]> {
    const rows = await this.audit.forEntity('order', orderId, TRAIL_ROWS);
    const names = await this.people.namesOf(
      this.dataSource.manager,
      rows.map((row) => row.actorUserId),
    );
    return rows.map((row) => ({
      at: row.createdAt,
      action: row.action,
      actorName: row.actorUserId === null ? null : (names.get(row.actorUserId) ?? null),
      details: row.details,
    }));
  }
}
