import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BinaryColumn, CreatedAtColumn } from '../database/columns';

/**
 * A file the outbox sends as a document (a scheduled report). Stored once however many chats
 * get it, so any replica can deliver and retry it; pruned by the cleanup job.
 */
@Entity('outbox_attachments')
export class OutboxAttachment {
  @PrimaryGeneratedColumn()
  id: number;

  /** What the file is, e.g. `report.daily:2026-11-22T21:00:00.000Z`: a report is stored once. */
  @Column({ type: 'varchar', length: 200, unique: true })
  key: string;

  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  @BinaryColumn()
  content: Buffer;

  @CreatedAtColumn()
  createdAt: Date;
}
