-- report-closed-by-master on postgres: 1 statements

SELECT COUNT(*) AS "orders", COALESCE(SUM("o"."total_kopecks"), 0) AS "total", COALESCE(SUM("o"."materials_kopecks"), 0) AS "materials", COALESCE(SUM("o"."net_kopecks"), 0) AS "net", COALESCE(SUM("o"."master_share_kopecks"), 0) AS "masterShare", COALESCE(SUM("o"."company_share_kopecks"), 0) AS "companyShare", MIN("o"."id") AS "firstOrderId", "o"."master_id" AS "masterId"
  FROM "orders" "o"
  WHERE ( "o"."closed_at" >= $1 AND "o"."closed_at" < $2 AND "o"."status" || '' = $3 ) AND ( "o"."deleted_at" IS NULL )
  GROUP BY "o"."master_id"
  ORDER BY "net" DESC, "o"."master_id" ASC;
