-- 042-add-phone-numbers-status-callback: the SQL twin of the Sequelize migration 042-add-phone-numbers-status-callback.js (up: addColumn(phone_numbers)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 042-add-phone-numbers-status-callback.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 42;
