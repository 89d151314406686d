-- create on sqlite: 14 statements

BEGIN TRANSACTION;

SELECT "User"."id" AS "User_id", "User"."telegram_id" AS "User_telegram_id", "User"."first_name" AS "User_first_name", "User"."last_name" AS "User_last_name", "User"."username" AS "User_username", "User"."blocked_bot" AS "User_blocked_bot", "User"."created_at" AS "User_created_at", "User"."updated_at" AS "User_updated_at"
  FROM "users" "User"
  WHERE (("User"."id" = ?n))
  LIMIT 1;

SELECT "UserRole"."id" AS "UserRole_id", "UserRole"."user_id" AS "UserRole_user_id", "UserRole"."role" AS "UserRole_role", "UserRole"."source" AS "UserRole_source", "UserRole"."granted_by_user_id" AS "UserRole_granted_by_user_id", "UserRole"."created_at" AS "UserRole_created_at"
  FROM "user_roles" "UserRole"
  WHERE (("UserRole"."user_id" = ?n) AND ("UserRole"."role" IN (?, ?)));

SELECT "Master"."id" AS "Master_id", "Master"."user_id" AS "Master_user_id", "Master"."phone" AS "Master_phone", "Master"."specialization" AS "Master_specialization", "Master"."is_active" AS "Master_is_active", "Master"."is_senior" AS "Master_is_senior", "Master"."work_chat_id" AS "Master_work_chat_id", "Master"."work_chat_title" AS "Master_work_chat_title", "Master"."fired_at" AS "Master_fired_at", "Master"."created_at" AS "Master_created_at", "Master"."updated_at" AS "Master_updated_at"
  FROM "masters" "Master"
  WHERE (("Master"."user_id" = ?n) AND ("Master"."is_active" = ?) AND ("Master"."fired_at" IS NULL))
  LIMIT 1;

INSERT INTO "orders"("id", "equipment_type", "problem", "client_name", "client_address", "search_address", "client_phone", "notes", "creation_key", "arrival_text", "arrival_from", "arrival_to", "status", "master_id", "dispatcher_id", "total_kopecks", "materials_kopecks", "net_kopecks", "master_share_kopecks", "company_share_kopecks", "review_taken", "out_of_city", "dr_expected_date", "dr_parts", "dr_preliminary_kopecks", "dr_prepayment_kopecks", "reschedule_count", "rescheduled_at", "reschedule_reason", "refusal_reason", "created_at", "updated_at", "closed_at", "deleted_at", "version")
  VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, datetime('now'), datetime('now'), NULL, NULL, 1);

SELECT "Order"."id" AS "Order_id", "Order"."search_address" AS "Order_search_address", "Order"."reschedule_count" AS "Order_reschedule_count", "Order"."created_at" AS "Order_created_at", "Order"."updated_at" AS "Order_updated_at", "Order"."deleted_at" AS "Order_deleted_at", "Order"."version" AS "Order_version"
  FROM "orders" "Order"
  WHERE ( "Order"."id" = ?n ) AND ( "Order"."deleted_at" IS NULL );

INSERT INTO "order_status_history"("id", "order_id", "action", "from_status", "to_status", "actor_user_id", "master_id", "reason", "created_at")
  VALUES (NULL, 1, ?, ?, ?, 2, ?, ?, datetime('now'));

SELECT "OrderStatusHistory"."id" AS "OrderStatusHistory_id", "OrderStatusHistory"."created_at" AS "OrderStatusHistory_created_at"
  FROM "order_status_history" "OrderStatusHistory"
  WHERE "OrderStatusHistory"."id" = ?n;

INSERT INTO "audit_log"("id", "actor_user_id", "action", "entity_type", "entity_id", "details", "created_at")
  VALUES (NULL, 2, ?, ?, 1, ?, datetime('now'));

SELECT "AuditLog"."id" AS "AuditLog_id", "AuditLog"."created_at" AS "AuditLog_created_at"
  FROM "audit_log" "AuditLog"
  WHERE "AuditLog"."id" = ?n;

SELECT DISTINCT "user"."telegram_id" AS "telegramId"
  FROM "users" "user"
  INNER JOIN "user_roles" "role" ON "role"."user_id" = "user"."id"
  WHERE "role"."role" IN (?, ?) AND "user"."blocked_bot" = ?;

INSERT INTO "notifications"("id", "chat_id", "channel", "kind", "payload", "dedup_key", "state", "attempts", "next_attempt_at", "last_error", "sent_message_id", "order_id", "sent_at", "claimed_by", "claimed_until", "created_at", "updated_at")
  VALUES (NULL, 1001, ?, ?, ?, ?, ?, 0, ?, NULL, NULL, 1, NULL, NULL, NULL, datetime('now'), datetime('now'))
  ON CONFLICT DO NOTHING;

SELECT "WebhookSubscription"."id" AS "WebhookSubscription_id"
  FROM "webhook_subscriptions" "WebhookSubscription";

COMMIT;
