-- 044-add-leads-created-at-index: the SQL twin of the Sequelize migration 044-add-leads-created-at-index.js (up: addIndex(leads)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 044-add-leads-created-at-index.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 44;
