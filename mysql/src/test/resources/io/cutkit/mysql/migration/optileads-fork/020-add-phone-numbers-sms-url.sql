-- 020-add-phone-numbers-sms-url: the SQL twin of the Sequelize migration 020-add-phone-numbers-sms-url.js (up: addColumn(phone_numbers)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 020-add-phone-numbers-sms-url.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 20;
