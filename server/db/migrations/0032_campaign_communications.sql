CREATE TABLE "campaign_announcement_recipients" (
	"announcement_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"organization_name" text NOT NULL,
	"emails" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notified_users" integer DEFAULT 0 NOT NULL,
	"error" text,
	CONSTRAINT "campaign_announcement_recipients_announcement_id_organization_id_pk" PRIMARY KEY("announcement_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_announcements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_announcements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_by_user_id" integer,
	"sent_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_files" (
	"campaign_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	CONSTRAINT "campaign_files_campaign_id_file_id_pk" PRIMARY KEY("campaign_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_indicator_due_dates" (
	"campaign_id" integer NOT NULL,
	"indicator_code" text NOT NULL,
	"due_date" date,
	"monthly_day" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_indicator_due_dates_campaign_id_indicator_code_pk" PRIMARY KEY("campaign_id","indicator_code"),
	CONSTRAINT "campaign_indicator_due_dates_one_rule" CHECK (("campaign_indicator_due_dates"."due_date" is null) <> ("campaign_indicator_due_dates"."monthly_day" is null) and ("campaign_indicator_due_dates"."monthly_day" is null or "campaign_indicator_due_dates"."monthly_day" between 1 and 31))
);
--> statement-breakpoint
CREATE TABLE "program_normative_acts" (
	"program_id" integer NOT NULL,
	"normative_act_id" integer NOT NULL,
	CONSTRAINT "program_normative_acts_program_id_normative_act_id_pk" PRIMARY KEY("program_id","normative_act_id")
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "instructions" text;--> statement-breakpoint
ALTER TABLE "campaign_announcement_recipients" ADD CONSTRAINT "campaign_announcement_recipients_announcement_id_campaign_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."campaign_announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_announcement_recipients" ADD CONSTRAINT "campaign_announcement_recipients_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_announcements" ADD CONSTRAINT "campaign_announcements_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_announcements" ADD CONSTRAINT "campaign_announcements_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_announcements" ADD CONSTRAINT "campaign_announcements_sent_by_user_id_users_id_fk" FOREIGN KEY ("sent_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_files" ADD CONSTRAINT "campaign_files_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_files" ADD CONSTRAINT "campaign_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_indicator_due_dates" ADD CONSTRAINT "campaign_indicator_due_dates_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_normative_acts" ADD CONSTRAINT "program_normative_acts_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_normative_acts" ADD CONSTRAINT "program_normative_acts_normative_act_id_normative_acts_id_fk" FOREIGN KEY ("normative_act_id") REFERENCES "public"."normative_acts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_announcement_recipients_organization_id_index" ON "campaign_announcement_recipients" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "campaign_announcements_campaign_id_index" ON "campaign_announcements" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_files_file_id_index" ON "campaign_files" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "program_normative_acts_normative_act_id_index" ON "program_normative_acts" USING btree ("normative_act_id");