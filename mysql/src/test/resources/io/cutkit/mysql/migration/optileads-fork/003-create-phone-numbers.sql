-- 003-create-phone-numbers: the SQL twin of the Sequelize migration 003-create-phone-numbers.js (up: createTable(phone_numbers)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 003-create-phone-numbers.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 3;
