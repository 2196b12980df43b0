package io.cutkit.mysql.account;

import java.util.Objects;

/**
 * A stored object that runs as its definer.
 *
 * @param definer the DEFINER account
 * @param objectType {@code VIEW}, {@code TRIGGER}, {@code PROCEDURE}, {@code FUNCTION} or {@code EVENT}
 * @param objectName the object's name
 */
public record DefinerUse(AccountName definer, String objectType, String objectName) {

    public DefinerUse {
        Objects.requireNonNull(definer, "definer");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(objectName, "objectName");
    }
}
