-- Digests of each community's field records (households taking part, plot hectares, agreements,
-- support, sales and visits as running totals by day; see shared::digest). A dashboard or a
-- donor report of a national program reads a few thousand digests instead of ten million plot
-- records. Every write to a community's records, by any path (forms, imports, the API, bulk
-- loads), moves its `records_version` on, by the triggers below, in the same transaction; a
-- digest is used only while it was worked out from the version the community is at, so a
-- digest is never stale, whichever app server wrote the records.
-- SQLite dialect; the PostgreSQL twin has the same tables, columns and trigger names.

ALTER TABLE communities ADD COLUMN records_version INTEGER NOT NULL DEFAULT 0;

CREATE TABLE community_digests (
    community_id INTEGER PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
    records_version INTEGER NOT NULL,
    digest TEXT NOT NULL,
    worked_out_at TEXT NOT NULL
);

CREATE TRIGGER households_records_inserted AFTER INSERT ON households BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = NEW.community_id;
END;

CREATE TRIGGER households_records_updated AFTER UPDATE OF community_id, head_sex, head_age_band, members_female_under_18, members_female_18_29, members_female_30_59, members_female_60_plus, members_male_under_18, members_male_18_29, members_male_30_59, members_male_60_plus, indigenous, enrolled_on ON households BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id IN (OLD.community_id, NEW.community_id);
END;

CREATE TRIGGER households_records_deleted AFTER DELETE ON households BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = OLD.community_id;
END;

CREATE TRIGGER household_status_changes_records_inserted AFTER INSERT ON household_status_changes BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = (SELECT community_id FROM households WHERE id = NEW.household_id);
END;

CREATE TRIGGER household_status_changes_records_updated AFTER UPDATE ON household_status_changes BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id IN (SELECT community_id FROM households WHERE id IN (OLD.household_id, NEW.household_id));
END;

CREATE TRIGGER household_status_changes_records_deleted AFTER DELETE ON household_status_changes BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = (SELECT community_id FROM households WHERE id = OLD.household_id);
END;

CREATE TRIGGER plots_records_inserted AFTER INSERT ON plots BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = (SELECT community_id FROM households WHERE id = NEW.household_id);
END;

CREATE TRIGGER plots_records_updated AFTER UPDATE ON plots BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id IN (SELECT community_id FROM households WHERE id IN (OLD.household_id, NEW.household_id));
END;

CREATE TRIGGER plots_records_deleted AFTER DELETE ON plots BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = (SELECT community_id FROM households WHERE id = OLD.household_id);
END;

CREATE TRIGGER support_deliveries_records_inserted AFTER INSERT ON support_deliveries BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = (SELECT community_id FROM households WHERE id = NEW.household_id);
END;

CREATE TRIGGER support_deliveries_records_updated AFTER UPDATE ON support_deliveries BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id IN (SELECT community_id FROM households WHERE id IN (OLD.household_id, NEW.household_id));
END;

CREATE TRIGGER support_deliveries_records_deleted AFTER DELETE ON support_deliveries BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = (SELECT community_id FROM households WHERE id = OLD.household_id);
END;

CREATE TRIGGER eradication_agreements_records_inserted AFTER INSERT ON eradication_agreements BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = (SELECT community_id FROM households WHERE id = NEW.household_id);
END;

CREATE TRIGGER eradication_agreements_records_updated AFTER UPDATE ON eradication_agreements BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id IN (SELECT community_id FROM households WHERE id IN (OLD.household_id, NEW.household_id));
END;

CREATE TRIGGER eradication_agreements_records_deleted AFTER DELETE ON eradication_agreements BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = (SELECT community_id FROM households WHERE id = OLD.household_id);
END;

CREATE TRIGGER monitoring_visits_records_inserted AFTER INSERT ON monitoring_visits BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = (SELECT community_id FROM households WHERE id = NEW.household_id);
END;

CREATE TRIGGER monitoring_visits_records_updated AFTER UPDATE ON monitoring_visits BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id IN (SELECT community_id FROM households WHERE id IN (OLD.household_id, NEW.household_id));
END;

CREATE TRIGGER monitoring_visits_records_deleted AFTER DELETE ON monitoring_visits BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = (SELECT community_id FROM households WHERE id = OLD.household_id);
END;

CREATE TRIGGER plot_uses_records_inserted AFTER INSERT ON plot_uses BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = (SELECT h.community_id FROM plots x JOIN households h ON h.id = x.household_id WHERE x.id = NEW.plot_id);
END;

CREATE TRIGGER plot_uses_records_updated AFTER UPDATE ON plot_uses BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id IN (SELECT h.community_id FROM plots x JOIN households h ON h.id = x.household_id WHERE x.id IN (OLD.plot_id, NEW.plot_id));
END;

CREATE TRIGGER plot_uses_records_deleted AFTER DELETE ON plot_uses BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = (SELECT h.community_id FROM plots x JOIN households h ON h.id = x.household_id WHERE x.id = OLD.plot_id);
END;

CREATE TRIGGER agreement_verifications_records_inserted AFTER INSERT ON agreement_verifications BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = (SELECT h.community_id FROM eradication_agreements x JOIN households h ON h.id = x.household_id WHERE x.id = NEW.agreement_id);
END;

CREATE TRIGGER agreement_verifications_records_updated AFTER UPDATE ON agreement_verifications BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id IN (SELECT h.community_id FROM eradication_agreements x JOIN households h ON h.id = x.household_id WHERE x.id IN (OLD.agreement_id, NEW.agreement_id));
END;

CREATE TRIGGER agreement_verifications_records_deleted AFTER DELETE ON agreement_verifications BEGIN
    UPDATE communities SET records_version = records_version + 1 WHERE id = (SELECT h.community_id FROM eradication_agreements x JOIN households h ON h.id = x.household_id WHERE x.id = OLD.agreement_id);
END;
