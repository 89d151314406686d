import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import {
  CreatedAtColumn,
  InstantColumn,
  TelegramIdColumn,
  UpdatedAtColumn,
} from '../database/columns';

export type IntakeDraftStatus = 'open' | 'created' | 'rejected' | 'expired';

/** The order's fields as the creation dialog collects them: raw answers, `null` when missing. */
export interface DraftFields {
  equipmentType: string | null;
  problem: string | null;
  clientName: string | null;
  clientAddress: string | null;
  clientPhone: string | null;
  notes: string | null;
  arrivalText: string | null;
}

/**
 * An order read from an intake group's message, waiting for a dispatcher's «✅ Создать заявку»
 * or «❌ Отклонить»; one per source message. Kept after the decision, for the audit trail.
 */
@Entity('intake_drafts')
@Index(['chatId', 'sourceMessageId'], { unique: true })
@Index(['status', 'expiresAt'])
export class IntakeDraft {
  @PrimaryGeneratedColumn()
  id: number;

  @TelegramIdColumn()
  chatId: number;

  @Column({ type: 'integer' })
  sourceMessageId: number;

  @Column({ type: 'text' })
  sourceText: string;

  /** The draft card the bot posted in reply; set once it is sent. */
  @Column({ type: 'integer', nullable: true })
  cardMessageId: number | null;

  @Column({ type: 'varchar', length: 20 })
  status: IntakeDraftStatus;

  @Column({ type: 'simple-json' })
  fields: DraftFields;

  /** An active order with the same phone and address, when there is one. */
  @Column({ type: 'integer', nullable: true })
  duplicateOrderId: number | null;

  @Column({ type: 'integer', nullable: true })
  orderId: number | null;

  @Column({ type: 'integer', nullable: true })
  decidedByUserId: number | null;

  @InstantColumn()
  expiresAt: Date;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
