-- 029-create-webhook-events: the SQL twin of the Sequelize migration 029-create-webhook-events.js (up: createTable(webhook_events), addIndex(webhook_events)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 029-create-webhook-events.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 29;
