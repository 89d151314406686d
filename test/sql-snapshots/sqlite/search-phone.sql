-- search-phone on sqlite: 2 statements

SELECT COUNT(1) AS "cnt"
  FROM "orders" "o"
  WHERE ( "o"."client_phone" = ? ) AND ( "o"."deleted_at" IS NULL );

SELECT "o"."id" AS "o_id", "o"."equipment_type" AS "o_equipment_type", "o"."problem" AS "o_problem", "o"."client_name" AS "o_client_name", "o"."client_address" AS "o_client_address", "o"."search_address" AS "o_search_address", "o"."client_phone" AS "o_client_phone", "o"."notes" AS "o_notes", "o"."creation_key" AS "o_creation_key", "o"."arrival_text" AS "o_arrival_text", "o"."arrival_from" AS "o_arrival_from", "o"."arrival_to" AS "o_arrival_to", "o"."status" AS "o_status", "o"."master_id" AS "o_master_id", "o"."dispatcher_id" AS "o_dispatcher_id", "o"."total_kopecks" AS "o_total_kopecks", "o"."materials_kopecks" AS "o_materials_kopecks", "o"."net_kopecks" AS "o_net_kopecks", "o"."master_share_kopecks" AS "o_master_share_kopecks", "o"."company_share_kopecks" AS "o_company_share_kopecks", "o"."review_taken" AS "o_review_taken", "o"."out_of_city" AS "o_out_of_city", "o"."dr_expected_date" AS "o_dr_expected_date", "o"."dr_parts" AS "o_dr_parts", "o"."dr_preliminary_kopecks" AS "o_dr_preliminary_kopecks", "o"."dr_prepayment_kopecks" AS "o_dr_prepayment_kopecks", "o"."reschedule_count" AS "o_reschedule_count", "o"."rescheduled_at" AS "o_rescheduled_at", "o"."reschedule_reason" AS "o_reschedule_reason", "o"."refusal_reason" AS "o_refusal_reason", "o"."created_at" AS "o_created_at", "o"."updated_at" AS "o_updated_at", "o"."closed_at" AS "o_closed_at", "o"."deleted_at" AS "o_deleted_at", "o"."version" AS "o_version"
  FROM "orders" "o"
  WHERE ( "o"."client_phone" = ? ) AND ( "o"."deleted_at" IS NULL )
  ORDER BY "o"."id" DESC
  LIMIT 5 OFFSET 0;
