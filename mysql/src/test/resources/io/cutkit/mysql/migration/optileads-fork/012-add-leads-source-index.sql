-- 012-add-leads-source-index: the SQL twin of the Sequelize migration 012-add-leads-source-index.js (up: addIndex(leads)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 012-add-leads-source-index.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 12;
