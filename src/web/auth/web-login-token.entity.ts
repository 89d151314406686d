import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, InstantColumn } from '../../database/columns';

/**
 * A one-time sign-in link sent by `/web` in the bot. Only a hash of its secret is stored, so a
 * copy of the database opens no session; `usedAt` makes it single use.
 */
@Entity('web_login_tokens')
@Index(['secretHash'], { unique: true })
export class WebLoginToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  /** sha256 of the link's secret, hex. */
  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  @InstantColumn()
  expiresAt: Date;

  @InstantColumn({ nullable: true })
  usedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
