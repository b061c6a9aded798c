DROP INDEX "teachers_last_name_first_name_index";--> statement-breakpoint
CREATE INDEX "teachers_name_order_index" ON "teachers" USING btree ("last_name","first_name","middle_name" NULLS FIRST,"id");