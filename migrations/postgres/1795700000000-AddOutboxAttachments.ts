import { MigrationInterface, QueryRunner } from 'typeorm';

// Files the outbox sends as documents: the scheduled reports (docs/scheduler.md).
export class AddOutboxAttachments1795700000000 implements MigrationInterface {
  name = 'AddOutboxAttachments1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_attachments" ("id" SERIAL NOT NULL, "key" character varying(200) NOT NULL, "file_name" character varying(200) NOT NULL, "content" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_outbox_attachments_key" UNIQUE ("key"), CONSTRAINT "PK_outbox_attachments" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "outbox_attachments"`);
  }
}
