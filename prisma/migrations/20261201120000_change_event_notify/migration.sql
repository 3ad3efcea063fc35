-- Every committed change record wakes the change feed of every instance (lib/operations/change-feed.ts).
-- NOTIFY is delivered at commit, so a rolled-back change wakes nobody; the payload is the record's id.
CREATE FUNCTION masthead_change_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('masthead_changes', NEW.id::text);
  RETURN NEW;
END
$$;

CREATE TRIGGER "ChangeEvent_notify" AFTER INSERT ON "ChangeEvent" FOR EACH ROW EXECUTE FUNCTION masthead_change_event_notify();
