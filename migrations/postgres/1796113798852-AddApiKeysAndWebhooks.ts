import { MigrationInterface, QueryRunner } from 'typeorm';

// The REST API (docs/api.md): hashed keys, webhook subscriptions, and the outbox channel column.
export class AddApiKeysAndWebhooks1796113798852 implements MigrationInterface {
  name = 'AddApiKeysAndWebhooks1796113798852';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" SERIAL NOT NULL, "name" character varying(64) NOT NULL, "role" character varying(20) NOT NULL, "key_hash" character varying(64) NOT NULL, "prefix" character varying(16) NOT NULL, "user_id" integer NOT NULL, "created_by_user_id" integer, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_api_keys_name" UNIQUE ("name"), CONSTRAINT "UQ_api_keys_key_hash" UNIQUE ("key_hash"), CONSTRAINT "PK_api_keys" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_subscriptions" ("id" SERIAL NOT NULL, "url" character varying(500) NOT NULL, "secret" character varying(200) NOT NULL, "created_by_user_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_webhook_subscriptions_url" UNIQUE ("url"), CONSTRAINT "PK_webhook_subscriptions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD "channel" character varying(20) NOT NULL DEFAULT 'telegram'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "channel"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
