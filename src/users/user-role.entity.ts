import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';
import type { Role, RoleSource } from './role';
import { User } from './user.entity';

@Entity('user_roles')
@Index(['userId', 'role'], { unique: true })
export class UserRole {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ type: 'varchar', length: 10 })
  source: RoleSource;

  /** The admin who granted it; null for roles from the environment. */
  @Column({ type: 'integer', nullable: true })
  grantedByUserId: number | null;

  @CreatedAtColumn()
  createdAt: Date;
}
