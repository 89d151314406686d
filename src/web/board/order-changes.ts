import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import { OrderRepository } from '../../orders/order.repository';

/** How often the database is asked while at least one browser listens. */
export const CHANGE_POLL_MS = 1_000;

/**
 * "Something changed in the orders": every use case writes an order_status_history row in its
 * transaction, so the newest row's id moves whenever an order is created or changed — from
 * the bot, the API, another browser or another replica. One indexed MAX(id) a second, and
 * only while someone watches; no replica needs to tell another.
 */
@Injectable()
export class OrderChanges implements OnModuleDestroy {
  private readonly changes = new Subject<number>();
  private listeners = 0;
  private timer?: NodeJS.Timeout;
  private last?: number;
  private polling = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrderRepository,
  ) {}

  /** Emits the newest history id each time it moves. */
  stream(): Observable<number> {
    return new Observable<number>((subscriber) => {
      const subscription = this.changes.subscribe(subscriber);
      if (this.listeners++ === 0) this.start();
      return () => {
        subscription.unsubscribe();
        if (--this.listeners === 0) this.stop();
      };
    });
  }

  onModuleDestroy(): void {
    this.stop();
    this.changes.complete();
  }

  /** The newest history id now (0 when there is none). */
  latest(): Promise<number> {
    return this.orders.latestChangeId(this.dataSource.manager);
  }

  private start(): void {
    this.timer = setInterval(() => void this.poll(), CHANGE_POLL_MS);
    void this.poll();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.last = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const latest = await this.latest();
      if (this.last !== undefined && latest !== this.last) this.changes.next(latest);
      this.last = latest;
    } catch {
      // The database is briefly unreachable: the next tick tries again; /health tells why.
    } finally {
      this.polling = false;
    }
  }
}
