import { MigrationInterface, QueryRunner } from 'typeorm';

// «📋 Все заявки» shows a count per status. Counting live orders (deleted_at IS NULL) read every
// row at a million orders; the counts are now kept in order_status_counts by a trigger, one row
// per status. One statement per change, its rows locked in status order, so two transactions
// moving orders between the same two statuses cannot deadlock on the counters.
export class AddOrderStatusCounts1796114460757 implements MigrationInterface {
  name = 'AddOrderStatusCounts1796114460757';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "order_status_counts" ("status" character varying(10) NOT NULL, "live" integer NOT NULL DEFAULT 0, CONSTRAINT "PK_order_status_counts" PRIMARY KEY ("status"))`,
    );
    await queryRunner.query(
      `INSERT INTO "order_status_counts" ("status", "live") SELECT "status", COUNT(*) FROM "orders" WHERE "deleted_at" IS NULL GROUP BY "status"`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "orders_status_counts_track"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO "order_status_counts" ("status", "live")
         SELECT d.status, SUM(d.delta)::integer FROM (VALUES
             (CASE WHEN TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL THEN OLD.status END, -1),
             (CASE WHEN TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL THEN NEW.status END, 1)
           ) AS d(status, delta)
         WHERE d.status IS NOT NULL GROUP BY d.status HAVING SUM(d.delta) <> 0 ORDER BY d.status
         ON CONFLICT ("status") DO UPDATE SET "live" = "order_status_counts"."live" + EXCLUDED."live";
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "orders_status_counts_insert" AFTER INSERT ON "orders" FOR EACH ROW
       WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION "orders_status_counts_track"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "orders_status_counts_delete" AFTER DELETE ON "orders" FOR EACH ROW
       WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION "orders_status_counts_track"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "orders_status_counts_update" AFTER UPDATE OF "status", "deleted_at" ON "orders" FOR EACH ROW
       WHEN (OLD.status IS DISTINCT FROM NEW.status OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
       EXECUTE FUNCTION "orders_status_counts_track"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "orders_status_counts_update" ON "orders"`);
    await queryRunner.query(`DROP TRIGGER "orders_status_counts_delete" ON "orders"`);
    await queryRunner.query(`DROP TRIGGER "orders_status_counts_insert" ON "orders"`);
    await queryRunner.query(`DROP FUNCTION "orders_status_counts_track"()`);
    await queryRunner.query(`DROP TABLE "order_status_counts"`);
  }
}
