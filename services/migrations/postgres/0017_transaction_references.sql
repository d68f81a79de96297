-- Transactions imported from an IATI file keep the reference they came with, so a file imported
-- again stores each of its transactions once.

ALTER TABLE funding_transactions ADD COLUMN external_ref TEXT;

CREATE UNIQUE INDEX funding_transactions_external_ref_key
    ON funding_transactions (organisation_id, external_ref);
