import { MigrationInterface, QueryRunner } from 'typeorm';

// Address search (docs/product.md §3.5): a pg_trgm GIN index serves the LIKE patterns over the
// normalized address tokens. pg_trgm is a trusted extension: the database owner may create it.
export class AddOrderAddressSearch1763980000000 implements MigrationInterface {
  name = 'AddOrderAddressSearch1763980000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`ALTER TABLE "orders" ADD "search_address" text NOT NULL DEFAULT ''`);
    await queryRunner.query(
      `CREATE INDEX "IDX_orders_search_address_trgm" ON "orders" USING gin ("search_address" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_orders_search_address_trgm"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "search_address"`);
  }
}
