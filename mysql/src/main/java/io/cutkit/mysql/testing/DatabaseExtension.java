package io.cutkit.mysql.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects the JVM's {@link DatabaseServers#shared() shared server} as a
 * {@link DatabaseServer} parameter and a fresh {@link TestDatabase} as a {@link TestDatabase}
 * parameter. Each {@code TestDatabase} parameter gets its own database, dropped when the scope that
 * asked for it ends (the test method, or the class for {@code @BeforeAll} and constructor
 * parameters). The first use in a JVM starts the server (seconds); later ones cost one
 * {@code CREATE DATABASE}. Needs JUnit Jupiter 5.13 or later (it relies on the store closing
 * {@link AutoCloseable} values).
 *
 * <pre>{@code
 * @ExtendWith(DatabaseExtension.class)
 * class MyIT {
 *     @Test
 *     void storesRows(TestDatabase db) throws SQLException {
 *         try (Connection c = db.connect()) { ... }
 *     }
 * }
 * }</pre>
 */
public final class DatabaseExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DatabaseExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDatabase.class || type == DatabaseServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        DatabaseServer server;
        try {
            server = DatabaseServers.shared();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("No test database server: " + e.getMessage(), e);
        }
        if (parameter.getParameter().getType() == DatabaseServer.class) {
            return server;
        }
        String prefix = context.getTestMethod().map(method -> method.getName())
                .orElseGet(() -> context.getRequiredTestClass().getSimpleName());
        String name = server.createDatabase(prefix);
        context.getStore(NAMESPACE).put(name, new CreatedDatabase(server, name));
        return new TestDatabase(server, name, server.dataSource(name));
    }

    /** Drops its database when JUnit closes the store of the scope that created it. */
    private record CreatedDatabase(DatabaseServer server, String name) implements AutoCloseable {
        @Override
        public void close() {
            server.dropDatabase(name);
        }
    }
}
