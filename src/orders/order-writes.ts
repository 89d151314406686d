import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { ActorWithRights } from '../users/actor';
import type { OrderAction } from './order-state-machine';
import { OrderStatusHistory } from './order-status-history.entity';
import { Order } from './order.entity';

/** What one change leaves in the history and the audit log besides the status move. */
export interface ChangeRecord {
  action: OrderAction;
  actor: ActorWithRights;
  reason?: string | null;
  /** Audit details beyond the status change. */
  details?: Record<string, unknown>;
  onBehalfOfMaster: boolean;
}

/**
 * The rows an order use case writes, inside the use case's transaction: the order, its
 * conditional move, the status history and the audit log (docs/domain.md).
 */
@Injectable()
export class OrderWrites {
  constructor(private readonly audit: AuditService) {}

  /** A new order, its first history row and its audit row. */
  async insert(tx: EntityManager, fields: Partial<Order>, actor: ActorWithRights): Promise<Order> {
    const order = await tx.save(tx.create(Order, { ...fields, status: 'NEW' }));
    await this.history(tx, {
      orderId: order.id,
      action: 'create',
      fromStatus: null,
      toStatus: 'NEW',
      actorUserId: actor.userId,
      masterId: null,
      reason: null,
    });
    await this.audit.record(tx, {
      actorUserId: actor.userId,
      action: 'order.create',
      entityType: 'order',
      entityId: order.id,
    });
    return order;
  }

  /** The conditional update: zero rows means somebody else changed the order first. */
  async move(
    tx: EntityManager,
    order: Order,
    to: Order['status'],
    fields: Partial<Order>,
  ): Promise<Order | null> {
    const result = await tx
      .createQueryBuilder()
      .update(Order)
      .set({ ...fields, status: to, version: () => 'version + 1' })
      .where('id = :id AND status = :status AND version = :version', {
        id: order.id,
        status: order.status,
        version: order.version,
      })
      .execute();
    if (!result.affected) return null;
    return tx.findOneOrFail(Order, { where: { id: order.id }, withDeleted: true });
  }

  /** The history row (with the master of the moment) and the audit row of one change. */
  async record(tx: EntityManager, before: Order, after: Order, change: ChangeRecord) {
    await this.history(tx, {
      orderId: after.id,
      action: change.action,
      fromStatus: before.status,
      toStatus: after.status,
      actorUserId: change.actor.userId,
      // The master the order belonged to when it happened: a cancellation counts against them.
      masterId: before.masterId ?? after.masterId,
      reason: change.reason ?? null,
    });
    await this.audit.record(tx, {
      actorUserId: change.actor.userId,
      action: `order.${change.action}`,
      entityType: 'order',
      entityId: after.id,
      details: {
        from: before.status,
        to: after.status,
        ...(change.onBehalfOfMaster ? { onBehalfOfMasterId: before.masterId } : {}),
        ...(before.masterId !== after.masterId
          ? { masterFrom: before.masterId, masterTo: after.masterId }
          : {}),
        ...(change.reason ? { reason: change.reason } : {}),
        ...(change.details ?? {}),
      },
    });
  }

  /** Nothing reads the row back: without updateEntity SQLite would SELECT its id and instant. */
  private async history(tx: EntityManager, row: Omit<OrderStatusHistory, 'id' | 'createdAt'>) {
    await tx
      .createQueryBuilder()
      .insert()
      .into(OrderStatusHistory)
      .values(row)
      .updateEntity(false)
      .execute();
  }
}
