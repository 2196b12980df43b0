package io.cutkit.mysql.replication;

import java.util.Objects;

/**
 * How the other server of a link reaches this one for replication: host, port, and whether the
 * replication connection uses TLS. Replication connections are opened by the servers themselves, so
 * this is the address as the peer sees it, not as the controller does.
 */
public record ReplicationEndpoint(String host, int port, boolean tls) {

    public ReplicationEndpoint {
        Objects.requireNonNull(host, "host");
        if (!host.matches("[A-Za-z0-9._:-]+")) {
            throw new IllegalArgumentException("Not a host name or address: '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Not a TCP port: " + port);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port + (tls ? " (TLS)" : "");
    }
}
