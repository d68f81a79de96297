-- Digests of each community's field records (households taking part, plot hectares, agreements,
-- support, sales and visits as running totals by day; see shared::digest). A dashboard or a
-- donor report of a national program reads a few thousand digests instead of ten million plot
-- records. Every write to a community's records, by any path (forms, imports, the API, bulk
-- loads), moves its `records_version` on, by the triggers below, in the same transaction; a
-- digest is used only while it was worked out from the version the community is at, so a
-- digest is never stale, whichever app server wrote the records.
-- PostgreSQL dialect; the SQLite twin has the same tables, columns and trigger names.

ALTER TABLE communities ADD COLUMN records_version BIGINT NOT NULL DEFAULT 0;

CREATE TABLE community_digests (
    community_id BIGINT PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
    records_version BIGINT NOT NULL,
    digest TEXT NOT NULL,
    worked_out_at TEXT NOT NULL
);

CREATE FUNCTION sembrar_households_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE communities SET records_version = records_version + 1 WHERE id = OLD.community_id;
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.community_id <> OLD.community_id) THEN
        UPDATE communities SET records_version = records_version + 1 WHERE id = NEW.community_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION sembrar_household_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE communities SET records_version = records_version + 1
        WHERE id = (SELECT community_id FROM households WHERE id = OLD.household_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.household_id <> OLD.household_id) THEN
        UPDATE communities SET records_version = records_version + 1
        WHERE id = (SELECT community_id FROM households WHERE id = NEW.household_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION sembrar_plot_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE communities SET records_version = records_version + 1
        WHERE id = (SELECT h.community_id FROM plots x JOIN households h ON h.id = x.household_id WHERE x.id = OLD.plot_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.plot_id <> OLD.plot_id) THEN
        UPDATE communities SET records_version = records_version + 1
        WHERE id = (SELECT h.community_id FROM plots x JOIN households h ON h.id = x.household_id WHERE x.id = NEW.plot_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION sembrar_verification_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE communities SET records_version = records_version + 1
        WHERE id = (SELECT h.community_id FROM eradication_agreements x JOIN households h ON h.id = x.household_id WHERE x.id = OLD.agreement_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.agreement_id <> OLD.agreement_id) THEN
        UPDATE communities SET records_version = records_version + 1
        WHERE id = (SELECT h.community_id FROM eradication_agreements x JOIN households h ON h.id = x.household_id WHERE x.id = NEW.agreement_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER households_records_inserted AFTER INSERT ON households
    FOR EACH ROW EXECUTE FUNCTION sembrar_households_records();

CREATE TRIGGER households_records_updated AFTER UPDATE OF community_id, head_sex, head_age_band, members_female_under_18, members_female_18_29, members_female_30_59, members_female_60_plus, members_male_under_18, members_male_18_29, members_male_30_59, members_male_60_plus, indigenous, enrolled_on ON households
    FOR EACH ROW EXECUTE FUNCTION sembrar_households_records();

CREATE TRIGGER households_records_deleted AFTER DELETE ON households
    FOR EACH ROW EXECUTE FUNCTION sembrar_households_records();

CREATE TRIGGER household_status_changes_records_inserted AFTER INSERT ON household_status_changes
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER household_status_changes_records_updated AFTER UPDATE ON household_status_changes
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER household_status_changes_records_deleted AFTER DELETE ON household_status_changes
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER plots_records_inserted AFTER INSERT ON plots
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER plots_records_updated AFTER UPDATE ON plots
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER plots_records_deleted AFTER DELETE ON plots
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER support_deliveries_records_inserted AFTER INSERT ON support_deliveries
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER support_deliveries_records_updated AFTER UPDATE ON support_deliveries
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER support_deliveries_records_deleted AFTER DELETE ON support_deliveries
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER eradication_agreements_records_inserted AFTER INSERT ON eradication_agreements
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER eradication_agreements_records_updated AFTER UPDATE ON eradication_agreements
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER eradication_agreements_records_deleted AFTER DELETE ON eradication_agreements
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER monitoring_visits_records_inserted AFTER INSERT ON monitoring_visits
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER monitoring_visits_records_updated AFTER UPDATE ON monitoring_visits
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER monitoring_visits_records_deleted AFTER DELETE ON monitoring_visits
    FOR EACH ROW EXECUTE FUNCTION sembrar_household_records();

CREATE TRIGGER plot_uses_records_inserted AFTER INSERT ON plot_uses
    FOR EACH ROW EXECUTE FUNCTION sembrar_plot_records();

CREATE TRIGGER plot_uses_records_updated AFTER UPDATE ON plot_uses
    FOR EACH ROW EXECUTE FUNCTION sembrar_plot_records();

CREATE TRIGGER plot_uses_records_deleted AFTER DELETE ON plot_uses
    FOR EACH ROW EXECUTE FUNCTION sembrar_plot_records();

CREATE TRIGGER agreement_verifications_records_inserted AFTER INSERT ON agreement_verifications
    FOR EACH ROW EXECUTE FUNCTION sembrar_verification_records();

CREATE TRIGGER agreement_verifications_records_updated AFTER UPDATE ON agreement_verifications
    FOR EACH ROW EXECUTE FUNCTION sembrar_verification_records();

CREATE TRIGGER agreement_verifications_records_deleted AFTER DELETE ON agreement_verifications
    FOR EACH ROW EXECUTE FUNCTION sembrar_verification_records();
