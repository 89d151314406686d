import { MigrationInterface, QueryRunner } from 'typeorm';

// The address index holds live orders only: a search's total is then a count in the FTS index
// alone, instead of a look-up of every match in "orders" to leave out the deleted ones (at a
// million orders a street name matched 20 000 rows: 150–700 ms). A soft delete takes the order
// out, a restore puts it back. PostgreSQL needs no change: its trigram index is on "orders".
export class AddressSearchLiveOrdersOnly1796114835762 implements MigrationInterface {
  name = 'AddressSearchLiveOrdersOnly1796114835762';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await this.dropTriggers(queryRunner);
    await queryRunner.query(
      `INSERT INTO "orders_address_fts"("orders_address_fts", rowid, search_address)
       SELECT 'delete', id, search_address FROM "orders" WHERE deleted_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "orders_address_fts_insert" AFTER INSERT ON "orders" WHEN new.deleted_at IS NULL BEGIN
         INSERT INTO "orders_address_fts"(rowid, search_address) VALUES (new.id, new.search_address);
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "orders_address_fts_delete" AFTER DELETE ON "orders" WHEN old.deleted_at IS NULL BEGIN
         INSERT INTO "orders_address_fts"("orders_address_fts", rowid, search_address) VALUES ('delete', old.id, old.search_address);
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "orders_address_fts_update" AFTER UPDATE OF "search_address", "deleted_at" ON "orders" BEGIN
         INSERT INTO "orders_address_fts"("orders_address_fts", rowid, search_address)
           SELECT 'delete', old.id, old.search_address WHERE old.deleted_at IS NULL;
         INSERT INTO "orders_address_fts"(rowid, search_address)
           SELECT new.id, new.search_address WHERE new.deleted_at IS NULL;
       END`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await this.dropTriggers(queryRunner);
    await queryRunner.query(
      `INSERT INTO "orders_address_fts"(rowid, search_address) SELECT id, search_address FROM "orders" WHERE deleted_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "orders_address_fts_insert" AFTER INSERT ON "orders" BEGIN
         INSERT INTO "orders_address_fts"(rowid, search_address) VALUES (new.id, new.search_address);
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "orders_address_fts_delete" AFTER DELETE ON "orders" BEGIN
         INSERT INTO "orders_address_fts"("orders_address_fts", rowid, search_address) VALUES ('delete', old.id, old.search_address);
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "orders_address_fts_update" AFTER UPDATE OF "search_address" ON "orders" BEGIN
         INSERT INTO "orders_address_fts"("orders_address_fts", rowid, search_address) VALUES ('delete', old.id, old.search_address);
         INSERT INTO "orders_address_fts"(rowid, search_address) VALUES (new.id, new.search_address);
       END`,
    );
  }

  private async dropTriggers(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "orders_address_fts_update"`);
    await queryRunner.query(`DROP TRIGGER "orders_address_fts_delete"`);
    await queryRunner.query(`DROP TRIGGER "orders_address_fts_insert"`);
  }
}
