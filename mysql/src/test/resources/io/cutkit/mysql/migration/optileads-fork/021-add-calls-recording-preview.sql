-- 021-add-calls-recording-preview: the SQL twin of the Sequelize migration 021-add-calls-recording-preview.js (up: addColumn(calls)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 021-add-calls-recording-preview.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 21;
