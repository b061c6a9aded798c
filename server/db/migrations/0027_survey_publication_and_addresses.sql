CREATE TABLE "survey_addresses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "survey_addresses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"survey_id" integer NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"reminded_on" date
);
--> statement-breakpoint
ALTER TABLE "surveys" ADD COLUMN "is_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_addresses" ADD CONSTRAINT "survey_addresses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_addresses" ADD CONSTRAINT "survey_addresses_token_hash_survey_tokens_token_hash_fk" FOREIGN KEY ("token_hash") REFERENCES "public"."survey_tokens"("token_hash") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_addresses_survey_id_email_index" ON "survey_addresses" USING btree ("survey_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_addresses_token_hash_index" ON "survey_addresses" USING btree ("token_hash");