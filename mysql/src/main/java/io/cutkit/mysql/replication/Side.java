package io.cutkit.mysql.replication;

import javax.sql.DataSource;

/** One server of a link: a name for messages, an administrator's connections, and how the peer reaches it. */
record Side(String name, DataSource admin, ReplicationEndpoint endpoint) {

    @Override
    public String toString() {
        return name + " (" + endpoint + ")";
    }
}
