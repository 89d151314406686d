import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763970000000 implements MigrationInterface {
  name = 'InitialSchema1763970000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" SERIAL NOT NULL, "actor_user_id" integer, "action" character varying(50) NOT NULL, "entity_type" character varying(30) NOT NULL, "entity_id" integer, "details" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_audit_log" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_created_at" ON "audit_log"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_entity_type_entity_id" ON "audit_log"  ("entity_type", "entity_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" SERIAL NOT NULL, "chat_id" bigint NOT NULL, "kind" character varying(50) NOT NULL, "payload" text NOT NULL, "dedup_key" character varying(200) NOT NULL, "state" character varying(10) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_error" text, "sent_message_id" integer, "order_id" integer, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_notifications_dedup_key" UNIQUE ("dedup_key"), CONSTRAINT "PK_notifications" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_order_id" ON "notifications"  ("order_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_state_next_attempt_at" ON "notifications"  ("state", "next_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" SERIAL NOT NULL, "telegram_id" bigint NOT NULL, "first_name" character varying(100), "last_name" character varying(100), "username" character varying(64), "blocked_bot" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_users_telegram_id" UNIQUE ("telegram_id"), CONSTRAINT "PK_users" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "masters" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "phone" character varying(16) NOT NULL, "specialization" character varying(200) NOT NULL, "is_active" boolean NOT NULL DEFAULT true, "is_senior" boolean NOT NULL DEFAULT false, "work_chat_id" bigint, "work_chat_title" character varying(255), "fired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_masters_user_id" UNIQUE ("user_id"), CONSTRAINT "UQ_masters_work_chat_id" UNIQUE ("work_chat_id"), CONSTRAINT "PK_masters" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "orders" ("id" SERIAL NOT NULL, "equipment_type" character varying(100) NOT NULL, "problem" text NOT NULL, "client_name" character varying(200) NOT NULL, "client_address" text NOT NULL, "client_phone" character varying(16) NOT NULL, "notes" text, "arrival_text" character varying(200), "arrival_from" TIMESTAMP WITH TIME ZONE, "arrival_to" TIMESTAMP WITH TIME ZONE, "status" character varying(10) NOT NULL, "master_id" integer, "dispatcher_id" integer, "total_kopecks" integer, "materials_kopecks" integer, "net_kopecks" integer, "master_share_kopecks" integer, "company_share_kopecks" integer, "review_taken" boolean, "out_of_city" boolean, "dr_expected_date" date, "dr_parts" text, "dr_preliminary_kopecks" integer, "dr_prepayment_kopecks" integer, "reschedule_count" integer NOT NULL DEFAULT '0', "rescheduled_at" TIMESTAMP WITH TIME ZONE, "reschedule_reason" text, "refusal_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_orders" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_orders_dispatcher_id" ON "orders"  ("dispatcher_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_orders_closed_at" ON "orders"  ("closed_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_orders_created_at" ON "orders"  ("created_at") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_orders_client_phone" ON "orders"  ("client_phone") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_orders_master_id_status" ON "orders"  ("master_id", "status") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_orders_status" ON "orders"  ("status") `);
    await queryRunner.query(
      `CREATE TABLE "order_group_messages" ("id" SERIAL NOT NULL, "order_id" integer NOT NULL, "chat_id" bigint NOT NULL, "message_id" integer NOT NULL, "state" character varying(10) NOT NULL DEFAULT 'active', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_order_group_messages" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_order_group_messages_order_id_chat_id" ON "order_group_messages"  ("order_id", "chat_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "order_status_history" ("id" SERIAL NOT NULL, "order_id" integer NOT NULL, "action" character varying(30) NOT NULL, "from_status" character varying(10), "to_status" character varying(10) NOT NULL, "actor_user_id" integer, "master_id" integer, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_order_status_history" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_order_status_history_master_id_action" ON "order_status_history"  ("master_id", "action") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_order_status_history_order_id" ON "order_status_history"  ("order_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "job_runs" ("name" character varying(60) NOT NULL, "lease_owner" character varying(100), "lease_until" TIMESTAMP WITH TIME ZONE, "last_started_at" TIMESTAMP WITH TIME ZONE, "last_finished_at" TIMESTAMP WITH TIME ZONE, "last_outcome" character varying(10), "last_error" text, "last_duration_ms" integer, CONSTRAINT "PK_job_runs" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "processed_updates" ("update_id" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_processed_updates" PRIMARY KEY ("update_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_processed_updates_created_at" ON "processed_updates"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "telegram_sessions" ("key" character varying(200) NOT NULL, "data" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_telegram_sessions" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "user_roles" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "role" character varying(20) NOT NULL, "source" character varying(10) NOT NULL, "granted_by_user_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_user_roles" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_user_roles_user_id_role" ON "user_roles"  ("user_id", "role") `,
    );
    await queryRunner.query(
      `ALTER TABLE "masters" ADD CONSTRAINT "FK_masters_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders" ADD CONSTRAINT "FK_orders_master_id" FOREIGN KEY ("master_id") REFERENCES "masters"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders" ADD CONSTRAINT "FK_orders_dispatcher_id" FOREIGN KEY ("dispatcher_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_group_messages" ADD CONSTRAINT "FK_order_group_messages_order_id" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_status_history" ADD CONSTRAINT "FK_order_status_history_order_id" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_roles" ADD CONSTRAINT "FK_user_roles_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_roles" DROP CONSTRAINT "FK_user_roles_user_id"`);
    await queryRunner.query(
      `ALTER TABLE "order_status_history" DROP CONSTRAINT "FK_order_status_history_order_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_group_messages" DROP CONSTRAINT "FK_order_group_messages_order_id"`,
    );
    await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "FK_orders_dispatcher_id"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "FK_orders_master_id"`);
    await queryRunner.query(`ALTER TABLE "masters" DROP CONSTRAINT "FK_masters_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_user_roles_user_id_role"`);
    await queryRunner.query(`DROP TABLE "user_roles"`);
    await queryRunner.query(`DROP TABLE "telegram_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_processed_updates_created_at"`);
    await queryRunner.query(`DROP TABLE "processed_updates"`);
    await queryRunner.query(`DROP TABLE "job_runs"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_order_status_history_order_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_order_status_history_master_id_action"`);
    await queryRunner.query(`DROP TABLE "order_status_history"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_order_group_messages_order_id_chat_id"`);
    await queryRunner.query(`DROP TABLE "order_group_messages"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_orders_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_orders_master_id_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_orders_client_phone"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_orders_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_orders_closed_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_orders_dispatcher_id"`);
    await queryRunner.query(`DROP TABLE "orders"`);
    await queryRunner.query(`DROP TABLE "masters"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_state_next_attempt_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_order_id"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_entity_type_entity_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_created_at"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
