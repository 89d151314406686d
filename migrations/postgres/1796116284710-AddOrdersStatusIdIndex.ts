import { MigrationInterface, QueryRunner } from 'typeorm';

// `GET /api/v1/orders?status=…` pages newest first (docs/benchmarks.md): with (status, id) a
// page reads its 50 rows however old they are, instead of every row of the status.
export class AddOrdersStatusIdIndex1796116284710 implements MigrationInterface {
  name = 'AddOrdersStatusIdIndex1796116284710';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_orders_status_id" ON "orders" ("status", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_orders_status_id"`);
  }
}
