import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763970000000 implements MigrationInterface {
  name = 'InitialSchema1763970000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "actor_user_id" integer, "action" varchar(50) NOT NULL, "entity_type" varchar(30) NOT NULL, "entity_id" integer, "details" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_created_at" ON "audit_log" ("created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_entity_type_entity_id" ON "audit_log" ("entity_type", "entity_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "chat_id" bigint NOT NULL, "kind" varchar(50) NOT NULL, "payload" text NOT NULL, "dedup_key" varchar(200) NOT NULL, "state" varchar(10) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "last_error" text, "sent_message_id" integer, "order_id" integer, "sent_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_notifications_dedup_key" UNIQUE ("dedup_key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_order_id" ON "notifications" ("order_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_state_next_attempt_at" ON "notifications" ("state", "next_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "telegram_id" bigint NOT NULL, "first_name" varchar(100), "last_name" varchar(100), "username" varchar(64), "blocked_bot" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_users_telegram_id" UNIQUE ("telegram_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "masters" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "phone" varchar(16) NOT NULL, "specialization" varchar(200) NOT NULL, "is_active" boolean NOT NULL DEFAULT (1), "is_senior" boolean NOT NULL DEFAULT (0), "work_chat_id" bigint, "work_chat_title" varchar(255), "fired_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_masters_user_id" UNIQUE ("user_id"), CONSTRAINT "UQ_masters_work_chat_id" UNIQUE ("work_chat_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "orders" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "equipment_type" varchar(100) NOT NULL, "problem" text NOT NULL, "client_name" varchar(200) NOT NULL, "client_address" text NOT NULL, "client_phone" varchar(16) NOT NULL, "notes" text, "arrival_text" varchar(200), "arrival_from" datetime, "arrival_to" datetime, "status" varchar(10) NOT NULL, "master_id" integer, "dispatcher_id" integer, "total_kopecks" integer, "materials_kopecks" integer, "net_kopecks" integer, "master_share_kopecks" integer, "company_share_kopecks" integer, "review_taken" boolean, "out_of_city" boolean, "dr_expected_date" date, "dr_parts" text, "dr_preliminary_kopecks" integer, "dr_prepayment_kopecks" integer, "reschedule_count" integer NOT NULL DEFAULT (0), "rescheduled_at" datetime, "reschedule_reason" text, "refusal_reason" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "closed_at" datetime, "deleted_at" datetime, "version" integer NOT NULL DEFAULT (1))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_orders_dispatcher_id" ON "orders" ("dispatcher_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_orders_closed_at" ON "orders" ("closed_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_orders_created_at" ON "orders" ("created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_orders_client_phone" ON "orders" ("client_phone") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_orders_master_id_status" ON "orders" ("master_id", "status") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_orders_status" ON "orders" ("status") `);
    await queryRunner.query(
      `CREATE TABLE "order_group_messages" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "order_id" integer NOT NULL, "chat_id" bigint NOT NULL, "message_id" integer NOT NULL, "state" varchar(10) NOT NULL DEFAULT ('active'), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_order_group_messages_order_id_chat_id" ON "order_group_messages" ("order_id", "chat_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "order_status_history" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "order_id" integer NOT NULL, "action" varchar(30) NOT NULL, "from_status" varchar(10), "to_status" varchar(10) NOT NULL, "actor_user_id" integer, "master_id" integer, "reason" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_order_status_history_master_id_action" ON "order_status_history" ("master_id", "action") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_order_status_history_order_id" ON "order_status_history" ("order_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "job_runs" ("name" varchar(60) PRIMARY KEY NOT NULL, "lease_owner" varchar(100), "lease_until" datetime, "last_started_at" datetime, "last_finished_at" datetime, "last_outcome" varchar(10), "last_error" text, "last_duration_ms" integer)`,
    );
    await queryRunner.query(
      `CREATE TABLE "processed_updates" ("update_id" bigint PRIMARY KEY NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_processed_updates_created_at" ON "processed_updates" ("created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "telegram_sessions" ("key" varchar(200) PRIMARY KEY NOT NULL, "data" text NOT NULL, "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE TABLE "user_roles" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "role" varchar(20) NOT NULL, "source" varchar(10) NOT NULL, "granted_by_user_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_user_roles_user_id_role" ON "user_roles" ("user_id", "role") `,
    );
    await queryRunner.query(
      `CREATE TABLE "temporary_masters" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "phone" varchar(16) NOT NULL, "specialization" varchar(200) NOT NULL, "is_active" boolean NOT NULL DEFAULT (1), "is_senior" boolean NOT NULL DEFAULT (0), "work_chat_id" bigint, "work_chat_title" varchar(255), "fired_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_masters_user_id" UNIQUE ("user_id"), CONSTRAINT "UQ_masters_work_chat_id" UNIQUE ("work_chat_id"), CONSTRAINT "FK_masters_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_masters"("id", "user_id", "phone", "specialization", "is_active", "is_senior", "work_chat_id", "work_chat_title", "fired_at", "created_at", "updated_at") SELECT "id", "user_id", "phone", "specialization", "is_active", "is_senior", "work_chat_id", "work_chat_title", "fired_at", "created_at", "updated_at" FROM "masters"`,
    );
    await queryRunner.query(`DROP TABLE "masters"`);
    await queryRunner.query(`ALTER TABLE "temporary_masters" RENAME TO "masters"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_dispatcher_id"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_closed_at"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_created_at"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_client_phone"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_master_id_status"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_status"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_orders" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "equipment_type" varchar(100) NOT NULL, "problem" text NOT NULL, "client_name" varchar(200) NOT NULL, "client_address" text NOT NULL, "client_phone" varchar(16) NOT NULL, "notes" text, "arrival_text" varchar(200), "arrival_from" datetime, "arrival_to" datetime, "status" varchar(10) NOT NULL, "master_id" integer, "dispatcher_id" integer, "total_kopecks" integer, "materials_kopecks" integer, "net_kopecks" integer, "master_share_kopecks" integer, "company_share_kopecks" integer, "review_taken" boolean, "out_of_city" boolean, "dr_expected_date" date, "dr_parts" text, "dr_preliminary_kopecks" integer, "dr_prepayment_kopecks" integer, "reschedule_count" integer NOT NULL DEFAULT (0), "rescheduled_at" datetime, "reschedule_reason" text, "refusal_reason" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "closed_at" datetime, "deleted_at" datetime, "version" integer NOT NULL DEFAULT (1), CONSTRAINT "FK_orders_master_id" FOREIGN KEY ("master_id") REFERENCES "masters" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION, CONSTRAINT "FK_orders_dispatcher_id" FOREIGN KEY ("dispatcher_id") REFERENCES "users" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_orders"("id", "equipment_type", "problem", "client_name", "client_address", "client_phone", "notes", "arrival_text", "arrival_from", "arrival_to", "status", "master_id", "dispatcher_id", "total_kopecks", "materials_kopecks", "net_kopecks", "master_share_kopecks", "company_share_kopecks", "review_taken", "out_of_city", "dr_expected_date", "dr_parts", "dr_preliminary_kopecks", "dr_prepayment_kopecks", "reschedule_count", "rescheduled_at", "reschedule_reason", "refusal_reason", "created_at", "updated_at", "closed_at", "deleted_at", "version") SELECT "id", "equipment_type", "problem", "client_name", "client_address", "client_phone", "notes", "arrival_text", "arrival_from", "arrival_to", "status", "master_id", "dispatcher_id", "total_kopecks", "materials_kopecks", "net_kopecks", "master_share_kopecks", "company_share_kopecks", "review_taken", "out_of_city", "dr_expected_date", "dr_parts", "dr_preliminary_kopecks", "dr_prepayment_kopecks", "reschedule_count", "rescheduled_at", "reschedule_reason", "refusal_reason", "created_at", "updated_at", "closed_at", "deleted_at", "version" FROM "orders"`,
    );
    await queryRunner.query(`DROP TABLE "orders"`);
    await queryRunner.query(`ALTER TABLE "temporary_orders" RENAME TO "orders"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_orders_dispatcher_id" ON "orders" ("dispatcher_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_orders_closed_at" ON "orders" ("closed_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_orders_created_at" ON "orders" ("created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_orders_client_phone" ON "orders" ("client_phone") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_orders_master_id_status" ON "orders" ("master_id", "status") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_orders_status" ON "orders" ("status") `);
    await queryRunner.query(`DROP INDEX "IDX_order_group_messages_order_id_chat_id"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_order_group_messages" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "order_id" integer NOT NULL, "chat_id" bigint NOT NULL, "message_id" integer NOT NULL, "state" varchar(10) NOT NULL DEFAULT ('active'), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_order_group_messages_order_id" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_order_group_messages"("id", "order_id", "chat_id", "message_id", "state", "created_at", "updated_at") SELECT "id", "order_id", "chat_id", "message_id", "state", "created_at", "updated_at" FROM "order_group_messages"`,
    );
    await queryRunner.query(`DROP TABLE "order_group_messages"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_order_group_messages" RENAME TO "order_group_messages"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_order_group_messages_order_id_chat_id" ON "order_group_messages" ("order_id", "chat_id") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_order_status_history_master_id_action"`);
    await queryRunner.query(`DROP INDEX "IDX_order_status_history_order_id"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_order_status_history" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "order_id" integer NOT NULL, "action" varchar(30) NOT NULL, "from_status" varchar(10), "to_status" varchar(10) NOT NULL, "actor_user_id" integer, "master_id" integer, "reason" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_order_status_history_order_id" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_order_status_history"("id", "order_id", "action", "from_status", "to_status", "actor_user_id", "master_id", "reason", "created_at") SELECT "id", "order_id", "action", "from_status", "to_status", "actor_user_id", "master_id", "reason", "created_at" FROM "order_status_history"`,
    );
    await queryRunner.query(`DROP TABLE "order_status_history"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_order_status_history" RENAME TO "order_status_history"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_order_status_history_master_id_action" ON "order_status_history" ("master_id", "action") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_order_status_history_order_id" ON "order_status_history" ("order_id") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_user_roles_user_id_role"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_user_roles" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "role" varchar(20) NOT NULL, "source" varchar(10) NOT NULL, "granted_by_user_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_user_roles_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_user_roles"("id", "user_id", "role", "source", "granted_by_user_id", "created_at") SELECT "id", "user_id", "role", "source", "granted_by_user_id", "created_at" FROM "user_roles"`,
    );
    await queryRunner.query(`DROP TABLE "user_roles"`);
    await queryRunner.query(`ALTER TABLE "temporary_user_roles" RENAME TO "user_roles"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_user_roles_user_id_role" ON "user_roles" ("user_id", "role") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_user_roles_user_id_role"`);
    await queryRunner.query(`ALTER TABLE "user_roles" RENAME TO "temporary_user_roles"`);
    await queryRunner.query(
      `CREATE TABLE "user_roles" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "role" varchar(20) NOT NULL, "source" varchar(10) NOT NULL, "granted_by_user_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "user_roles"("id", "user_id", "role", "source", "granted_by_user_id", "created_at") SELECT "id", "user_id", "role", "source", "granted_by_user_id", "created_at" FROM "temporary_user_roles"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_user_roles"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_user_roles_user_id_role" ON "user_roles" ("user_id", "role") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_order_status_history_order_id"`);
    await queryRunner.query(`DROP INDEX "IDX_order_status_history_master_id_action"`);
    await queryRunner.query(
      `ALTER TABLE "order_status_history" RENAME TO "temporary_order_status_history"`,
    );
    await queryRunner.query(
      `CREATE TABLE "order_status_history" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "order_id" integer NOT NULL, "action" varchar(30) NOT NULL, "from_status" varchar(10), "to_status" varchar(10) NOT NULL, "actor_user_id" integer, "master_id" integer, "reason" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "order_status_history"("id", "order_id", "action", "from_status", "to_status", "actor_user_id", "master_id", "reason", "created_at") SELECT "id", "order_id", "action", "from_status", "to_status", "actor_user_id", "master_id", "reason", "created_at" FROM "temporary_order_status_history"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_order_status_history"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_order_status_history_order_id" ON "order_status_history" ("order_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_order_status_history_master_id_action" ON "order_status_history" ("master_id", "action") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_order_group_messages_order_id_chat_id"`);
    await queryRunner.query(
      `ALTER TABLE "order_group_messages" RENAME TO "temporary_order_group_messages"`,
    );
    await queryRunner.query(
      `CREATE TABLE "order_group_messages" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "order_id" integer NOT NULL, "chat_id" bigint NOT NULL, "message_id" integer NOT NULL, "state" varchar(10) NOT NULL DEFAULT ('active'), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "order_group_messages"("id", "order_id", "chat_id", "message_id", "state", "created_at", "updated_at") SELECT "id", "order_id", "chat_id", "message_id", "state", "created_at", "updated_at" FROM "temporary_order_group_messages"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_order_group_messages"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_order_group_messages_order_id_chat_id" ON "order_group_messages" ("order_id", "chat_id") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_orders_status"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_master_id_status"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_client_phone"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_created_at"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_closed_at"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_dispatcher_id"`);
    await queryRunner.query(`ALTER TABLE "orders" RENAME TO "temporary_orders"`);
    await queryRunner.query(
      `CREATE TABLE "orders" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "equipment_type" varchar(100) NOT NULL, "problem" text NOT NULL, "client_name" varchar(200) NOT NULL, "client_address" text NOT NULL, "client_phone" varchar(16) NOT NULL, "notes" text, "arrival_text" varchar(200), "arrival_from" datetime, "arrival_to" datetime, "status" varchar(10) NOT NULL, "master_id" integer, "dispatcher_id" integer, "total_kopecks" integer, "materials_kopecks" integer, "net_kopecks" integer, "master_share_kopecks" integer, "company_share_kopecks" integer, "review_taken" boolean, "out_of_city" boolean, "dr_expected_date" date, "dr_parts" text, "dr_preliminary_kopecks" integer, "dr_prepayment_kopecks" integer, "reschedule_count" integer NOT NULL DEFAULT (0), "rescheduled_at" datetime, "reschedule_reason" text, "refusal_reason" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "closed_at" datetime, "deleted_at" datetime, "version" integer NOT NULL DEFAULT (1))`,
    );
    await queryRunner.query(
      `INSERT INTO "orders"("id", "equipment_type", "problem", "client_name", "client_address", "client_phone", "notes", "arrival_text", "arrival_from", "arrival_to", "status", "master_id", "dispatcher_id", "total_kopecks", "materials_kopecks", "net_kopecks", "master_share_kopecks", "company_share_kopecks", "review_taken", "out_of_city", "dr_expected_date", "dr_parts", "dr_preliminary_kopecks", "dr_prepayment_kopecks", "reschedule_count", "rescheduled_at", "reschedule_reason", "refusal_reason", "created_at", "updated_at", "closed_at", "deleted_at", "version") SELECT "id", "equipment_type", "problem", "client_name", "client_address", "client_phone", "notes", "arrival_text", "arrival_from", "arrival_to", "status", "master_id", "dispatcher_id", "total_kopecks", "materials_kopecks", "net_kopecks", "master_share_kopecks", "company_share_kopecks", "review_taken", "out_of_city", "dr_expected_date", "dr_parts", "dr_preliminary_kopecks", "dr_prepayment_kopecks", "reschedule_count", "rescheduled_at", "reschedule_reason", "refusal_reason", "created_at", "updated_at", "closed_at", "deleted_at", "version" FROM "temporary_orders"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_orders"`);
    await queryRunner.query(`CREATE INDEX "IDX_orders_status" ON "orders" ("status") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_orders_master_id_status" ON "orders" ("master_id", "status") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_orders_client_phone" ON "orders" ("client_phone") `);
    await queryRunner.query(`CREATE INDEX "IDX_orders_created_at" ON "orders" ("created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_orders_closed_at" ON "orders" ("closed_at") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_orders_dispatcher_id" ON "orders" ("dispatcher_id") `,
    );
    await queryRunner.query(`ALTER TABLE "masters" RENAME TO "temporary_masters"`);
    await queryRunner.query(
      `CREATE TABLE "masters" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "phone" varchar(16) NOT NULL, "specialization" varchar(200) NOT NULL, "is_active" boolean NOT NULL DEFAULT (1), "is_senior" boolean NOT NULL DEFAULT (0), "work_chat_id" bigint, "work_chat_title" varchar(255), "fired_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_masters_user_id" UNIQUE ("user_id"), CONSTRAINT "UQ_masters_work_chat_id" UNIQUE ("work_chat_id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "masters"("id", "user_id", "phone", "specialization", "is_active", "is_senior", "work_chat_id", "work_chat_title", "fired_at", "created_at", "updated_at") SELECT "id", "user_id", "phone", "specialization", "is_active", "is_senior", "work_chat_id", "work_chat_title", "fired_at", "created_at", "updated_at" FROM "temporary_masters"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_masters"`);
    await queryRunner.query(`DROP INDEX "IDX_user_roles_user_id_role"`);
    await queryRunner.query(`DROP TABLE "user_roles"`);
    await queryRunner.query(`DROP TABLE "telegram_sessions"`);
    await queryRunner.query(`DROP INDEX "IDX_processed_updates_created_at"`);
    await queryRunner.query(`DROP TABLE "processed_updates"`);
    await queryRunner.query(`DROP TABLE "job_runs"`);
    await queryRunner.query(`DROP INDEX "IDX_order_status_history_order_id"`);
    await queryRunner.query(`DROP INDEX "IDX_order_status_history_master_id_action"`);
    await queryRunner.query(`DROP TABLE "order_status_history"`);
    await queryRunner.query(`DROP INDEX "IDX_order_group_messages_order_id_chat_id"`);
    await queryRunner.query(`DROP TABLE "order_group_messages"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_status"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_master_id_status"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_client_phone"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_created_at"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_closed_at"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_dispatcher_id"`);
    await queryRunner.query(`DROP TABLE "orders"`);
    await queryRunner.query(`DROP TABLE "masters"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "IDX_notifications_state_next_attempt_at"`);
    await queryRunner.query(`DROP INDEX "IDX_notifications_order_id"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "IDX_audit_log_entity_type_entity_id"`);
    await queryRunner.query(`DROP INDEX "IDX_audit_log_created_at"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
