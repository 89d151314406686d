-- create on sqlite: 10 statements

BEGIN TRANSACTION;

SELECT u.id, u.telegram_id, u.first_name, u.last_name, u.username, u.blocked_bot, r.role, m.id AS master_id, m.is_senior
  FROM users u
  LEFT JOIN user_roles r ON r.user_id = u.id AND r.role IN ('ADMIN', 'DISPATCHER')
  LEFT JOIN masters m ON m.user_id = u.id AND m.is_active AND m.fired_at IS NULL
  WHERE u.id = ?;

INSERT INTO "orders"("id", "equipment_type", "problem", "client_name", "client_address", "search_address", "client_phone", "notes", "creation_key", "arrival_text", "arrival_from", "arrival_to", "status", "master_id", "dispatcher_id", "total_kopecks", "materials_kopecks", "net_kopecks", "master_share_kopecks", "company_share_kopecks", "review_taken", "out_of_city", "dr_expected_date", "dr_parts", "dr_preliminary_kopecks", "dr_prepayment_kopecks", "reschedule_count", "rescheduled_at", "reschedule_reason", "refusal_reason", "created_at", "updated_at", "closed_at", "deleted_at", "version")
  VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, datetime('now'), datetime('now'), NULL, NULL, 1);

SELECT "Order"."id" AS "Order_id", "Order"."search_address" AS "Order_search_address", "Order"."reschedule_count" AS "Order_reschedule_count", "Order"."created_at" AS "Order_created_at", "Order"."updated_at" AS "Order_updated_at", "Order"."deleted_at" AS "Order_deleted_at", "Order"."version" AS "Order_version"
  FROM "orders" "Order"
  WHERE ( "Order"."id" = ?n ) AND ( "Order"."deleted_at" IS NULL );

INSERT INTO "order_status_history"("id", "order_id", "action", "from_status", "to_status", "actor_user_id", "master_id", "reason", "created_at")
  VALUES (NULL, 1, ?, ?, ?, 2, ?, ?, datetime('now'));

INSERT INTO "audit_log"("id", "actor_user_id", "action", "entity_type", "entity_id", "details", "created_at")
  VALUES (NULL, 2, ?, ?, 1, ?, datetime('now'));

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
