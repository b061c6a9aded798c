ALTER TABLE "deficits" ADD COLUMN "municipality_id" integer;--> statement-breakpoint
ALTER TABLE "deficits" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "deficits" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "deficits" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "municipality_id" integer;--> statement-breakpoint
ALTER TABLE "deficits" ADD CONSTRAINT "deficits_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deficits_municipality_id_index" ON "deficits" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "providers_municipality_id_index" ON "providers" USING btree ("municipality_id");