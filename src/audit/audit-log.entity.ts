import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

/** Who did what to which record, with old and new values where they matter. */
@Entity('audit_log')
@Index(['entityType', 'entityId'])
@Index(['createdAt'])
export class AuditLog {
  @PrimaryGeneratedColumn()
  id: number;

  /** Null when the system acted (scheduler, start-up bootstrap). */
  @Column({ type: 'integer', nullable: true })
  actorUserId: number | null;

  @Column({ type: 'varchar', length: 50 })
  action: string;

  @Column({ type: 'varchar', length: 30 })
  entityType: string;

  @Column({ type: 'integer', nullable: true })
  entityId: number | null;

  @Column({ type: 'simple-json', nullable: true })
  details: Record<string, unknown> | null;

  @CreatedAtColumn()
  createdAt: Date;
}
