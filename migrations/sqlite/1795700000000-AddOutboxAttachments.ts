import { MigrationInterface, QueryRunner } from 'typeorm';

// Files the outbox sends as documents: the scheduled reports (docs/scheduler.md).
export class AddOutboxAttachments1795700000000 implements MigrationInterface {
  name = 'AddOutboxAttachments1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_attachments" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "key" varchar(200) NOT NULL, "file_name" varchar(200) NOT NULL, "content" blob NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_outbox_attachments_key" UNIQUE ("key"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "outbox_attachments"`);
  }
}
