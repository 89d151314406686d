import { MigrationInterface, QueryRunner } from 'typeorm';

// What the reminder jobs announced per order (docs/scheduler.md), so a restart does not repeat it.
export class AddOrderReminders1795600000000 implements MigrationInterface {
  name = 'AddOrderReminders1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "order_reminders" ("order_id" integer NOT NULL, "kind" varchar(20) NOT NULL, "ref" varchar(40), "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_order_reminders" PRIMARY KEY ("order_id", "kind"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "order_reminders"`);
  }
}
