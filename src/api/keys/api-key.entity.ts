import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, InstantColumn } from '../../database/columns';
import type { Role } from '../../users/role';

/**
 * A key another system calls the REST API with (docs/api.md). Only the SHA-256 of the key is
 * stored; the key acts as its own service user (`userId`), who holds exactly `role`.
 */
@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  /** Hex SHA-256 of the key: a key has 256 random bits, so a fast hash is enough. */
  @Column({ type: 'varchar', length: 64, unique: true })
  keyHash: string;

  /** The key's first characters, so an admin can tell keys apart in `/admin apikey list`. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  /** The service user the key acts as: use cases re-read its rights, audit rows name it. */
  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'integer', nullable: true })
  createdByUserId: number | null;

  @InstantColumn({ nullable: true })
  lastUsedAt: Date | null;

  @InstantColumn({ nullable: true })
  revokedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
