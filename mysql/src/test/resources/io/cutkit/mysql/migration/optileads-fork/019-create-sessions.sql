-- 019-create-sessions: the SQL twin of the Sequelize migration 019-create-sessions.js (up: createTable(Sessions)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 019-create-sessions.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 19;
