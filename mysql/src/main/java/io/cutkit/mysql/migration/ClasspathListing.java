package io.cutkit.mysql.migration;

import java.io.File;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
                names.addAll(entries(jar, base));
            }
        } else {
            throw new IOException("Cannot list classpath URL " + url
                    + " (protocol " + url.getProtocol() + "); use MigrationSource.directory or MigrationSource.of instead.");
        }
        return names;
    }

    static List<String> listJar(Path jarPath, String base) throws IOException {
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            return entries(jar, base);
        }
    }

    private static List<String> entries(JarFile jar, String base) {
        List<String> names = new ArrayList<>();
        String prefix = base + "/";
        for (JarEntry entry : Collections.list(jar.entries())) {
            String n = entry.getName();
            if (!entry.isDirectory() && n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0) {
                names.add(n.substring(prefix.length()));
            }
        }
        return names;
    }

    /** The jar files a loader reads: its URLClassLoader chain, or the JVM's class path for the application loader. */
    static List<Path> jarsOf(ClassLoader loader) {
        Set<Path> jars = new LinkedHashSet<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol()) && url.getPath().endsWith(".jar")) {
                        try {
                            jars.add(Path.of(url.toURI()));
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            // not a local file: nothing to list
                        }
                    }
                }
            }
            if (l == ClassLoader.getSystemClassLoader()) {
                for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                    if (entry.endsWith(".jar")) {
                        jars.add(Path.of(entry));
                    }
                }
            }
        }
        List<Path> existing = new ArrayList<>();
        for (Path jar : jars) {
            if (Files.isRegularFile(jar)) {
                existing.add(jar);
            }
        }
        return existing;
    }
}
