-- 040-create-lead-pipeline-view: the SQL twin of the Sequelize migration 040-create-lead-pipeline-view.js (up: a raw SQL query).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 040-create-lead-pipeline-view.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 40;
