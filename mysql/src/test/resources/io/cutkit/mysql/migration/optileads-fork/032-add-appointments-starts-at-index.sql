-- 032-add-appointments-starts-at-index: the SQL twin of the Sequelize migration 032-add-appointments-starts-at-index.js (up: addIndex(appointments)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 032-add-appointments-starts-at-index.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 32;
