import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

/**
 * A URL that receives order events (docs/api.md). The secret signs every delivery, so it is
 * kept as given: HMAC needs it, unlike an API key, which is only compared.
 */
@Entity('webhook_subscriptions')
export class WebhookSubscription {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 500, unique: true })
  url: string;

  @Column({ type: 'varchar', length: 200 })
  secret: string;

  @Column({ type: 'integer', nullable: true })
  createdByUserId: number | null;

  @CreatedAtColumn()
  createdAt: Date;
}
