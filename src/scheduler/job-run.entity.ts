import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

export type JobOutcome = 'running' | 'ok' | 'failed';

/** One row per scheduled job: the lease that makes a tick run once across replicas, and its last outcome. */
@Entity('job_runs')
export class JobRun {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  leaseOwner: string | null;

  @InstantColumn({ nullable: true })
  leaseUntil: Date | null;

  @InstantColumn({ nullable: true })
  lastStartedAt: Date | null;

  @InstantColumn({ nullable: true })
  lastFinishedAt: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  lastOutcome: JobOutcome | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'integer', nullable: true })
  lastDurationMs: number | null;
}
