-- cancel on sqlite: 11 statements

BEGIN TRANSACTION;

SELECT "Order"."id" AS "Order_id", "Order"."equipment_type" AS "Order_equipment_type", "Order"."problem" AS "Order_problem", "Order"."client_name" AS "Order_client_name", "Order"."client_address" AS "Order_client_address", "Order"."search_address" AS "Order_search_address", "Order"."client_phone" AS "Order_client_phone", "Order"."notes" AS "Order_notes", "Order"."creation_key" AS "Order_creation_key", "Order"."arrival_text" AS "Order_arrival_text", "Order"."arrival_from" AS "Order_arrival_from", "Order"."arrival_to" AS "Order_arrival_to", "Order"."status" AS "Order_status", "Order"."master_id" AS "Order_master_id", "Order"."dispatcher_id" AS "Order_dispatcher_id", "Order"."total_kopecks" AS "Order_total_kopecks", "Order"."materials_kopecks" AS "Order_materials_kopecks", "Order"."net_kopecks" AS "Order_net_kopecks", "Order"."master_share_kopecks" AS "Order_master_share_kopecks", "Order"."company_share_kopecks" AS "Order_company_share_kopecks", "Order"."review_taken" AS "Order_review_taken", "Order"."out_of_city" AS "Order_out_of_city", "Order"."dr_expected_date" AS "Order_dr_expected_date", "Order"."dr_parts" AS "Order_dr_parts", "Order"."dr_preliminary_kopecks" AS "Order_dr_preliminary_kopecks", "Order"."dr_prepayment_kopecks" AS "Order_dr_prepayment_kopecks", "Order"."reschedule_count" AS "Order_reschedule_count", "Order"."rescheduled_at" AS "Order_rescheduled_at", "Order"."reschedule_reason" AS "Order_reschedule_reason", "Order"."refusal_reason" AS "Order_refusal_reason", "Order"."created_at" AS "Order_created_at", "Order"."updated_at" AS "Order_updated_at", "Order"."closed_at" AS "Order_closed_at", "Order"."deleted_at" AS "Order_deleted_at", "Order"."version" AS "Order_version"
  FROM "orders" "Order"
  WHERE ( (("Order"."id" = ?n)) ) AND ( "Order"."deleted_at" IS NULL )
  LIMIT 1;

SELECT u.id, u.telegram_id, u.first_name, u.last_name, u.username, u.blocked_bot, r.role, m.id AS master_id, m.is_senior
  FROM users u
  LEFT JOIN user_roles r ON r.user_id = u.id AND r.role IN ('ADMIN', 'DISPATCHER')
  LEFT JOIN masters m ON m.user_id = u.id AND m.is_active AND m.fired_at IS NULL
  WHERE u.id = ?;

UPDATE "orders"
  SET "refusal_reason" = ?, "closed_at" = ?, "status" = ?, "version" = "version" + 1, "updated_at" = CURRENT_TIMESTAMP
  WHERE "id" = ?n AND "status" = ? AND "version" = ?n;

SELECT "Order"."id" AS "Order_id", "Order"."equipment_type" AS "Order_equipment_type", "Order"."problem" AS "Order_problem", "Order"."client_name" AS "Order_client_name", "Order"."client_address" AS "Order_client_address", "Order"."search_address" AS "Order_search_address", "Order"."client_phone" AS "Order_client_phone", "Order"."notes" AS "Order_notes", "Order"."creation_key" AS "Order_creation_key", "Order"."arrival_text" AS "Order_arrival_text", "Order"."arrival_from" AS "Order_arrival_from", "Order"."arrival_to" AS "Order_arrival_to", "Order"."status" AS "Order_status", "Order"."master_id" AS "Order_master_id", "Order"."dispatcher_id" AS "Order_dispatcher_id", "Order"."total_kopecks" AS "Order_total_kopecks", "Order"."materials_kopecks" AS "Order_materials_kopecks", "Order"."net_kopecks" AS "Order_net_kopecks", "Order"."master_share_kopecks" AS "Order_master_share_kopecks", "Order"."company_share_kopecks" AS "Order_company_share_kopecks", "Order"."review_taken" AS "Order_review_taken", "Order"."out_of_city" AS "Order_out_of_city", "Order"."dr_expected_date" AS "Order_dr_expected_date", "Order"."dr_parts" AS "Order_dr_parts", "Order"."dr_preliminary_kopecks" AS "Order_dr_preliminary_kopecks", "Order"."dr_prepayment_kopecks" AS "Order_dr_prepayment_kopecks", "Order"."reschedule_count" AS "Order_reschedule_count", "Order"."rescheduled_at" AS "Order_rescheduled_at", "Order"."reschedule_reason" AS "Order_reschedule_reason", "Order"."refusal_reason" AS "Order_refusal_reason", "Order"."created_at" AS "Order_created_at", "Order"."updated_at" AS "Order_updated_at", "Order"."closed_at" AS "Order_closed_at", "Order"."deleted_at" AS "Order_deleted_at", "Order"."version" AS "Order_version"
  FROM "orders" "Order"
  WHERE (("Order"."id" = ?n))
  LIMIT 1;

INSERT INTO "order_status_history"("id", "order_id", "action", "from_status", "to_status", "actor_user_id", "master_id", "reason", "created_at")
  VALUES (NULL, 5, ?, ?, ?, 2, 1, ?, datetime('now'));

INSERT INTO "audit_log"("id", "actor_user_id", "action", "entity_type", "entity_id", "details", "created_at")
  VALUES (NULL, 2, ?, ?, 5, ?, datetime('now'));

SELECT "Master"."id" AS "Master_id", "Master"."user_id" AS "Master_user_id", "Master"."phone" AS "Master_phone", "Master"."specialization" AS "Master_specialization", "Master"."is_active" AS "Master_is_active", "Master"."is_senior" AS "Master_is_senior", "Master"."work_chat_id" AS "Master_work_chat_id", "Master"."work_chat_title" AS "Master_work_chat_title", "Master"."fired_at" AS "Master_fired_at", "Master"."created_at" AS "Master_created_at", "Master"."updated_at" AS "Master_updated_at"
  FROM "masters" "Master"
  WHERE (("Master"."id" = ?n))
  LIMIT 1;

INSERT INTO "notifications"("id", "chat_id", "channel", "kind", "payload", "dedup_key", "state", "attempts", "next_attempt_at", "last_error", "sent_message_id", "order_id", "sent_at", "claimed_by", "claimed_until", "created_at", "updated_at")
  VALUES (NULL, -100000003001, ?, ?, ?, ?, ?, 0, ?, NULL, NULL, 5, NULL, NULL, NULL, datetime('now'), datetime('now')), (NULL, -100000003001, ?, ?, ?, ?, ?, 0, ?, NULL, NULL, 5, NULL, NULL, NULL, datetime('now'), datetime('now'))
  ON CONFLICT DO NOTHING;

SELECT "WebhookSubscription"."id" AS "WebhookSubscription_id"
  FROM "webhook_subscriptions" "WebhookSubscription";

COMMIT;
