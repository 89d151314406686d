import { MigrationInterface, QueryRunner } from 'typeorm';

// Order intake from a group (docs/intake.md): the bound groups, and one draft per posted order.
export class AddIntakeDrafts1796106760500 implements MigrationInterface {
  name = 'AddIntakeDrafts1796106760500';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "intake_groups" ("chat_id" bigint NOT NULL, "title" character varying(255) NOT NULL, "bound_by_user_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_intake_groups" PRIMARY KEY ("chat_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "intake_drafts" ("id" SERIAL NOT NULL, "chat_id" bigint NOT NULL, "source_message_id" integer NOT NULL, "source_text" text NOT NULL, "card_message_id" integer, "status" character varying(20) NOT NULL, "fields" text NOT NULL, "duplicate_order_id" integer, "order_id" integer, "decided_by_user_id" integer, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_intake_drafts" PRIMARY KEY ("id"))`,
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
