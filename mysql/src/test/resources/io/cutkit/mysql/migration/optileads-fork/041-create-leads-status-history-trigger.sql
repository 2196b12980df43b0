-- 041-create-leads-status-history-trigger: the SQL twin of the Sequelize migration 041-create-leads-status-history-trigger.js (up: a raw SQL query).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 041-create-leads-status-history-trigger.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 41;
