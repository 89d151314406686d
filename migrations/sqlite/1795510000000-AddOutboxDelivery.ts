import { MigrationInterface, QueryRunner } from 'typeorm';

// The outbox sender (docs/notifications.md): a claim with a lease on each row being sent, an
// index for the per-chat order check, and the groups that answered 403.
export class AddOutboxDelivery1795510000000 implements MigrationInterface {
  name = 'AddOutboxDelivery1795510000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" ADD "claimed_by" varchar(100)`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "claimed_until" datetime`);
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_chat_id_state" ON "notifications" ("chat_id", "state") `,
    );
    await queryRunner.query(
      `CREATE TABLE "blocked_chats" ("chat_id" bigint PRIMARY KEY NOT NULL, "reason" text NOT NULL, "blocked_at" datetime NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "blocked_chats"`);
    await queryRunner.query(`DROP INDEX "IDX_notifications_chat_id_state"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "claimed_until"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "claimed_by"`);
  }
}
