import { MigrationInterface, QueryRunner } from 'typeorm';

// The web console (docs/web.md): one-time sign-in links from `/web` and browser sessions.
export class AddWebSessions1796113796093 implements MigrationInterface {
  name = 'AddWebSessions1796113796093';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "web_login_tokens" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "secret_hash" varchar(64) NOT NULL, "expires_at" datetime NOT NULL, "used_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_web_login_tokens_secret_hash" ON "web_login_tokens" ("secret_hash")`,
    );
    await queryRunner.query(
      `CREATE TABLE "web_sessions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "secret_hash" varchar(64) NOT NULL, "csrf_token" varchar(64) NOT NULL, "user_agent" varchar(200), "expires_at" datetime NOT NULL, "ended_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_web_sessions_secret_hash" ON "web_sessions" ("secret_hash")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_web_sessions_user_id" ON "web_sessions" ("user_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_web_sessions_user_id"`);
    await queryRunner.query(`DROP INDEX "IDX_web_sessions_secret_hash"`);
    await queryRunner.query(`DROP TABLE "web_sessions"`);
    await queryRunner.query(`DROP INDEX "IDX_web_login_tokens_secret_hash"`);
    await queryRunner.query(`DROP TABLE "web_login_tokens"`);
  }
}
