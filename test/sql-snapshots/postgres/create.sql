-- create on postgres: 9 statements

START TRANSACTION;

SELECT u.id, u.telegram_id, u.first_name, u.last_name, u.username, u.blocked_bot, r.role, m.id AS master_id, m.is_senior
  FROM users u
  LEFT JOIN user_roles r ON r.user_id = u.id AND r.role IN ('ADMIN', 'DISPATCHER')
  LEFT JOIN masters m ON m.user_id = u.id AND m.is_active AND m.fired_at IS NULL
  WHERE u.id = $1;

INSERT INTO "orders"("equipment_type", "problem", "client_name", "client_address", "search_address", "client_phone", "notes", "creation_key", "arrival_text", "arrival_from", "arrival_to", "status", "master_id", "dispatcher_id", "total_kopecks", "materials_kopecks", "net_kopecks", "master_share_kopecks", "company_share_kopecks", "review_taken", "out_of_city", "dr_expected_date", "dr_parts", "dr_preliminary_kopecks", "dr_prepayment_kopecks", "reschedule_count", "rescheduled_at", "reschedule_reason", "refusal_reason", "created_at", "updated_at", "closed_at", "deleted_at", "version")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, DEFAULT, $13, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT)
  RETURNING "id", "search_address", "reschedule_count", "created_at", "updated_at", "deleted_at", "version";

INSERT INTO "order_status_history"("order_id", "action", "from_status", "to_status", "actor_user_id", "master_id", "reason", "created_at")
  VALUES ($1, $2, $3, $4, $5, $6, $7, DEFAULT);

INSERT INTO "audit_log"("actor_user_id", "action", "entity_type", "entity_id", "details", "created_at")
  VALUES ($1, $2, $3, $4, $5, DEFAULT);

SELECT DISTINCT "user"."telegram_id" AS "telegramId"
  FROM "users" "user"
  INNER JOIN "user_roles" "role" ON "role"."user_id" = "user"."id"
  WHERE "role"."role" IN ($1, $2) AND "user"."blocked_bot" = $3;

INSERT INTO "notifications"("chat_id", "channel", "kind", "payload", "dedup_key", "state", "attempts", "next_attempt_at", "last_error", "sent_message_id", "order_id", "sent_at", "claimed_by", "claimed_until", "created_at", "updated_at")
  VALUES ($1, $2, $3, $4, $5, $6, DEFAULT, $7, DEFAULT, DEFAULT, $8, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT)
  ON CONFLICT DO NOTHING;

SELECT "WebhookSubscription"."id" AS "WebhookSubscription_id"
  FROM "webhook_subscriptions" "WebhookSubscription";

COMMIT;
