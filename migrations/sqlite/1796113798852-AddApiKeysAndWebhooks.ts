import { MigrationInterface, QueryRunner } from 'typeorm';

// The REST API (docs/api.md): hashed keys, webhook subscriptions, and the outbox channel column.
export class AddApiKeysAndWebhooks1796113798852 implements MigrationInterface {
  name = 'AddApiKeysAndWebhooks1796113798852';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(64) NOT NULL, "role" varchar(20) NOT NULL, "key_hash" varchar(64) NOT NULL, "prefix" varchar(16) NOT NULL, "user_id" integer NOT NULL, "created_by_user_id" integer, "last_used_at" datetime, "revoked_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_api_keys_name" UNIQUE ("name"), CONSTRAINT "UQ_api_keys_key_hash" UNIQUE ("key_hash"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_subscriptions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "url" varchar(500) NOT NULL, "secret" varchar(200) NOT NULL, "created_by_user_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_webhook_subscriptions_url" UNIQUE ("url"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD COLUMN "channel" varchar(20) NOT NULL DEFAULT ('telegram')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "channel"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
