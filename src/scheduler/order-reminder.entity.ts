import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/**
 * What a reminder job last announced about an order, so a restart does not repeat it.
 * `kind` is e.g. `unassigned`, `unaccepted`, `sla:NEW`, `visit`; `ref` is what the
 * announcement was about (the status, or the arrival time for a visit reminder).
 */
@Entity('order_reminders')
export class OrderReminder {
  @PrimaryColumn({ type: 'integer' })
  orderId: number;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  ref: string | null;

  @InstantColumn()
  sentAt: Date;
}
