import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn } from '../../database/columns';

/** Dialog state, so a dialog survives a restart (the default store without Redis). */
@Entity('telegram_sessions')
export class TelegramSession {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'simple-json' })
  data: Record<string, unknown>;

  @UpdatedAtColumn()
  updatedAt: Date;
}
