-- 031-create-appointments: the SQL twin of the Sequelize migration 031-create-appointments.js (up: createTable(appointments)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 031-create-appointments.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 31;
