import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, InstantColumn } from '../../database/columns';

/**
 * A browser signed in to the console. The cookie carries a random secret whose hash is
 * `secretHash`; `csrfToken` is echoed by every form and htmx request of this session.
 */
@Entity('web_sessions')
@Index(['secretHash'], { unique: true })
@Index(['userId'])
export class WebSession {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  @Column({ type: 'varchar', length: 64 })
  csrfToken: string;

  /** What the browser said it was, to tell sessions apart on the sessions page. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  userAgent: string | null;

  @InstantColumn()
  expiresAt: Date;

  /** Set by «Выйти» or by ending the session from another browser. */
  @InstantColumn({ nullable: true })
  endedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
