import { MigrationInterface, QueryRunner } from 'typeorm';

// «📋 Все заявки» shows a count per status. Counting live orders (deleted_at IS NULL) read every
// row at a million orders; the counts are now kept in order_status_counts by triggers, one row
// per status. A later migration that rebuilds "orders" (SQLite ALTERs do) must create these
// triggers again, as it must the address-search ones.
export class AddOrderStatusCounts1796114460757 implements MigrationInterface {
  name = 'AddOrderStatusCounts1796114460757';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "order_status_counts" ("status" varchar(10) PRIMARY KEY NOT NULL, "live" integer NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(
      `INSERT INTO "order_status_counts" ("status", "live") SELECT "status", COUNT(*) FROM "orders" WHERE "deleted_at" IS NULL GROUP BY "status"`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "orders_status_counts_insert" AFTER INSERT ON "orders" WHEN new.deleted_at IS NULL BEGIN
         INSERT INTO "order_status_counts" ("status", "live") VALUES (new.status, 1)
           ON CONFLICT ("status") DO UPDATE SET "live" = "live" + 1;
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "orders_status_counts_delete" AFTER DELETE ON "orders" WHEN old.deleted_at IS NULL BEGIN
         UPDATE "order_status_counts" SET "live" = "live" - 1 WHERE "status" = old.status;
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "orders_status_counts_update" AFTER UPDATE OF "status", "deleted_at" ON "orders"
       WHEN old.status IS NOT new.status OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
         UPDATE "order_status_counts" SET "live" = "live" - 1 WHERE "status" = old.status AND old.deleted_at IS NULL;
         INSERT INTO "order_status_counts" ("status", "live") SELECT new.status, 1 WHERE new.deleted_at IS NULL
           ON CONFLICT ("status") DO UPDATE SET "live" = "live" + 1;
       END`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "orders_status_counts_update"`);
    await queryRunner.query(`DROP TRIGGER "orders_status_counts_delete"`);
    await queryRunner.query(`DROP TRIGGER "orders_status_counts_insert"`);
    await queryRunner.query(`DROP TABLE "order_status_counts"`);
  }
}
