ALTER TABLE "route_steps" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "route_steps" ADD COLUMN "resource_id" integer;--> statement-breakpoint
ALTER TABLE "deficit_resources" ADD COLUMN "municipality_id" integer;--> statement-breakpoint
ALTER TABLE "route_steps" ADD CONSTRAINT "route_steps_resource_id_deficit_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."deficit_resources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deficit_resources" ADD CONSTRAINT "deficit_resources_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deficit_resources_municipality_id_index" ON "deficit_resources" USING btree ("municipality_id");