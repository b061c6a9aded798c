-- The tables indicators have come to read since 0020 (the bank of practices, целевое обучение, surveys, the
-- department's groups of organizations) raise the registry generation as the others do, so that a school's
-- kept form values are never older than these records (server/modules/indicators/kept.ts).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'practices', 'practice_transitions', 'target_students', 'surveys', 'survey_responses',
    'survey_answer_items', 'organization_groups', 'organization_group_members'
  ] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "note_registry_change"()',
      t || '_note_registry_change', t);
  END LOOP;
END
$$;
