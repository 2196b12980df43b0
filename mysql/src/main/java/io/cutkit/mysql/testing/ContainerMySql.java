package io.cutkit.mysql.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/**
 * MySQL 8.4 in a Testcontainers container. Testcontainers is an optional dependency: every entry
 * point first checks that its classes are present, so a class path without it never fails here.
 */
final class ContainerMySql extends JdbcDatabaseServer {

    private static final String IMAGE = "mysql:8.4";
    private static final String PASSWORD = "cutkit-test";

    private final MySQLContainer container;

    private ContainerMySql(MySQLContainer container) {
        super(container.getHost(), container.getMappedPort(3306), "root", PASSWORD);
        this.container = container;
    }

    /**
     * True when Testcontainers is on the class path and Docker answers. Without a Docker socket or
     * {@code DOCKER_HOST} it answers false at once instead of letting Testcontainers probe (and log)
     * every strategy it knows.
     */
    static boolean dockerAvailable() {
        if (!dockerConfigured()) {
            return false;
        }
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, ContainerMySql.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean dockerConfigured() {
        if (System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        return Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))
                || (runtimeDir != null && Files.exists(Path.of(runtimeDir, "docker.sock")));
    }

    @SuppressWarnings("resource") // closed by close()
    static ContainerMySql start() {
        MySQLContainer container = new MySQLContainer(IMAGE).withUsername("root").withPassword(PASSWORD);
        container.start();
        return new ContainerMySql(container);
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    String describe() {
        return "MySQL container " + IMAGE + " on " + host() + ":" + port();
    }
}
