import { MigrationInterface, QueryRunner } from 'typeorm';

// Address search (docs/product.md §3.5): an FTS5 index over the normalized address tokens,
// kept in step with `orders` by triggers. A later migration that rebuilds `orders` (SQLite
// ALTERs do) must create these triggers again.
export class AddOrderAddressSearch1763980000000 implements MigrationInterface {
  name = 'AddOrderAddressSearch1763980000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "orders" ADD COLUMN "search_address" text NOT NULL DEFAULT ('')`,
    );
    await queryRunner.query(
      `CREATE VIRTUAL TABLE "orders_address_fts" USING fts5(search_address, content='orders', content_rowid='id')`,
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

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "orders_address_fts_update"`);
    await queryRunner.query(`DROP TRIGGER "orders_address_fts_delete"`);
    await queryRunner.query(`DROP TRIGGER "orders_address_fts_insert"`);
    await queryRunner.query(`DROP TABLE "orders_address_fts"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "search_address"`);
  }
}
