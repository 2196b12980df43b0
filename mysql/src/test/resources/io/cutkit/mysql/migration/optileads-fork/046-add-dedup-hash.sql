-- 046-add-dedup-hash: the SQL twin of the fork's Sequelize migration 046-add-dedup-hash.js.
-- Dedup: SHA-256 of the normalised email (trimmed, lower case), so the nightly import
-- can spot a lead it already has.
ALTER TABLE `leads` ADD COLUMN `dedupHash` CHAR(64) NULL;
CREATE INDEX `leads_dedup_hash` ON `leads` (`dedupHash`);
-- leads.email is encrypted by the API; SQL has no key, so this hashes the stored value,
-- which is what the JS does when decryption fails. Guard it with a ciphertext check
-- (a before-migration hook) where the plaintext matters. The UPDATE fires the
-- trigger trg_leads_status_history, which runs as its DEFINER.
UPDATE `leads`
   SET `dedupHash` = SHA2(LOWER(TRIM(`email`)), 256)
 WHERE `email` IS NOT NULL AND `deletedAt` IS NULL;
