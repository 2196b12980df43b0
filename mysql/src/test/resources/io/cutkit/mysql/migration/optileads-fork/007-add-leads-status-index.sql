-- 007-add-leads-status-index: the SQL twin of the Sequelize migration 007-add-leads-status-index.js (up: addIndex(leads)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 007-add-leads-status-index.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 7;
