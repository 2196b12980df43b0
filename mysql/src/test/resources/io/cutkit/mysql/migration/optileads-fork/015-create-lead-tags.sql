-- 015-create-lead-tags: the SQL twin of the Sequelize migration 015-create-lead-tags.js (up: createTable(lead_tags)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 015-create-lead-tags.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 15;
