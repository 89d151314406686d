import { MigrationInterface, QueryRunner } from 'typeorm';

// Order intake from a group (docs/intake.md): the bound groups, and one draft per posted order.
export class AddIntakeDrafts1796106760500 implements MigrationInterface {
  name = 'AddIntakeDrafts1796106760500';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "intake_groups" ("chat_id" bigint PRIMARY KEY NOT NULL, "title" varchar(255) NOT NULL, "bound_by_user_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE TABLE "intake_drafts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "chat_id" bigint NOT NULL, "source_message_id" integer NOT NULL, "source_text" text NOT NULL, "card_message_id" integer, "status" varchar(20) NOT NULL, "fields" text NOT NULL, "duplicate_order_id" integer, "order_id" integer, "decided_by_user_id" integer, "expires_at" datetime NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_intake_drafts_chat_id_source_message_id" ON "intake_drafts" ("chat_id", "source_message_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_intake_drafts_status_expires_at" ON "intake_drafts" ("status", "expires_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_intake_drafts_status_expires_at"`);
    await queryRunner.query(`DROP INDEX "IDX_intake_drafts_chat_id_source_message_id"`);
    await queryRunner.query(`DROP TABLE "intake_drafts"`);
    await queryRunner.query(`DROP TABLE "intake_groups"`);
  }
}
