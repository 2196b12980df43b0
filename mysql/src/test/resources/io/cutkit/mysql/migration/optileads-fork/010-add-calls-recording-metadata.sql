-- 010-add-calls-recording-metadata: the SQL twin of the Sequelize migration 010-add-calls-recording-metadata.js (up: addColumn(calls), addColumn(calls), addColumn(calls), addColumn(calls)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 010-add-calls-recording-metadata.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 10;
