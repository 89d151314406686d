-- outbox-claim on postgres: 4 statements

START TRANSACTION;

WITH due AS ( SELECT n.id
  FROM notifications n
  WHERE ((n.state = 'pending' AND n.next_attempt_at <= $1) OR (n.state = 'sending' AND n.claimed_until <= $1)) AND NOT EXISTS ( SELECT 1
  FROM notifications older
  WHERE older.chat_id = n.chat_id AND older.channel = n.channel AND older.state IN ('pending', 'sending') AND older.id < n.id)
  ORDER BY n.id
  LIMIT $2 FOR UPDATE OF n SKIP LOCKED) UPDATE notifications
  SET state = 'sending', claimed_by = $3, claimed_until = $4, updated_at = $1
  WHERE id IN (SELECT id
  FROM due)
  RETURNING id;

SELECT "Notification"."id" AS "Notification_id", "Notification"."chat_id" AS "Notification_chat_id", "Notification"."channel" AS "Notification_channel", "Notification"."kind" AS "Notification_kind", "Notification"."payload" AS "Notification_payload", "Notification"."dedup_key" AS "Notification_dedup_key", "Notification"."state" AS "Notification_state", "Notification"."attempts" AS "Notification_attempts", "Notification"."next_attempt_at" AS "Notification_next_attempt_at", "Notification"."last_error" AS "Notification_last_error", "Notification"."sent_message_id" AS "Notification_sent_message_id", "Notification"."order_id" AS "Notification_order_id", "Notification"."sent_at" AS "Notification_sent_at", "Notification"."claimed_by" AS "Notification_claimed_by", "Notification"."claimed_until" AS "Notification_claimed_until", "Notification"."created_at" AS "Notification_created_at", "Notification"."updated_at" AS "Notification_updated_at"
  FROM "notifications" "Notification"
  WHERE (("Notification"."id" IN ($1, $2, $3, $4)))
  ORDER BY "Notification"."id" ASC;

COMMIT;
