-- 028-add-calls-call-sid-unique: the SQL twin of the Sequelize migration 028-add-calls-call-sid-unique.js (up: addIndex(calls)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 028-add-calls-call-sid-unique.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 28;
