package io.cutkit.mysql.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Lists the entries directly under a classpath directory, whether it lives on disk or in a jar. */
final class ClasspathListing {
    private ClasspathListing() {
    }

    static List<String> list(URL url, String base) throws IOException {
        List<String> names = new ArrayList<>();
        if ("file".equals(url.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                files.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
            } catch (URISyntaxException e) {
                throw new IOException("Bad classpath URL " + url, e);
            }
        } else if ("jar".equals(url.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                String prefix = base + "/";
                for (JarEntry entry : Collections.list(jar.entries())) {
                    String n = entry.getName();
                    if (!entry.isDirectory() && n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0) {
                        names.add(n.substring(prefix.length()));
                    }
                }
            }
        } else {
            throw new UncheckedIOException(new IOException("Cannot list classpath URL " + url
                    + " (protocol " + url.getProtocol() + "); use MigrationSource.directory or MigrationSource.of instead."));
        }
        return names;
    }
}
