-- 026-create-lead-status-history: the SQL twin of the Sequelize migration 026-create-lead-status-history.js (up: createTable(lead_status_history)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 026-create-lead-status-history.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 26;
