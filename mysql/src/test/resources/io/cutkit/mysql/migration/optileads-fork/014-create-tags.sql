-- 014-create-tags: the SQL twin of the Sequelize migration 014-create-tags.js (up: createTable(tags)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 014-create-tags.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 14;
