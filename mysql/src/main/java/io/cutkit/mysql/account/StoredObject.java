package io.cutkit.mysql.account;

import java.util.Objects;
import java.util.Set;

/**
 * A view, trigger, routine or event with its DEFINER and what the definer needs for it at run time
 * (read from the object's CREATE statement): the input of {@link DefinerPrivilegeCheck}.
 *
 * @param definer the DEFINER account
 * @param objectType {@code VIEW}, {@code TRIGGER}, {@code PROCEDURE}, {@code FUNCTION}, {@code ROUTINE} or {@code EVENT}
 * @param objectName the object's name
 * @param needs the privileges the definer needs; empty for a {@code SQL SECURITY INVOKER} object
 */
public record StoredObject(AccountName definer, String objectType, String objectName, Set<RequiredPrivilege> needs) {

    public StoredObject {
        Objects.requireNonNull(definer, "definer");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(objectName, "objectName");
        needs = Set.copyOf(needs);
    }
}
