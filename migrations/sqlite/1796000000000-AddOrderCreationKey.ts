import { MigrationInterface, QueryRunner } from 'typeorm';

// A confirm redelivered after a crash finds the order it created (docs/telegram.md).
export class AddOrderCreationKey1796000000000 implements MigrationInterface {
  name = 'AddOrderCreationKey1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders" ADD COLUMN "creation_key" varchar(64)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_orders_creation_key" ON "orders" ("creation_key")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_orders_creation_key"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "creation_key"`);
  }
}
