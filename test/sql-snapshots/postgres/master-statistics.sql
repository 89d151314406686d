-- master-statistics on postgres: 2 statements

SELECT SUM(CASE WHEN "o"."status" IN ($1, $2, $3, $4, $5) THEN 1 ELSE 0 END) AS "active", SUM(CASE WHEN "o"."status" = 'DR' THEN 1 ELSE 0 END) AS "longRepairs", SUM(CASE WHEN "o"."status" = 'CLOSED' THEN 1 ELSE 0 END) AS "closedTotal", SUM(CASE WHEN "o"."status" = 'CLOSED' AND "o"."closed_at" >= $6 AND "o"."closed_at" < $7 THEN 1 ELSE 0 END) AS "closedInPeriod", SUM(CASE WHEN "o"."status" = 'CLOSED' AND "o"."closed_at" >= $6 AND "o"."closed_at" < $7 THEN "o"."master_share_kopecks" ELSE 0 END) AS "earnings"
  FROM "orders" "o"
  WHERE ( "o"."master_id" = $8 ) AND ( "o"."deleted_at" IS NULL );

SELECT "h"."id" AS "h_id", "h"."order_id" AS "h_order_id", "h"."action" AS "h_action", "h"."from_status" AS "h_from_status", "h"."to_status" AS "h_to_status", "h"."actor_user_id" AS "h_actor_user_id", "h"."master_id" AS "h_master_id", "h"."reason" AS "h_reason", "h"."created_at" AS "h_created_at"
  FROM "order_status_history" "h"
  WHERE "h"."master_id" = $1 AND "h"."action" IN ($2, $3)
  ORDER BY "h"."id" DESC;
