package io.cutkit.cli;

import io.cutkit.core.secret.EnvFile;
import io.cutkit.core.secret.EnvSecretSource;
import io.cutkit.core.secret.FileSecretSource;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.secret.SecretSource;
import io.cutkit.core.secret.StdinSecretSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The command line's rules for secrets: a value comes from a file only its owner can read, an
 * environment variable or standard input, exactly one of them, and never from an argument. Breaking a
 * rule is a usage error that names the option.
 */
final class SecretInput {

    private SecretInput() {
    }

    /**
     * Reads the secret that options {@code <prefix>-file}, {@code <prefix>-env} and {@code <prefix>-stdin}
     * point at (exactly one must be given).
     */
    static Secret read(CommandSpec spec, String prefix, Path file, String env, boolean stdin) {
        int given = (file != null ? 1 : 0) + (env != null ? 1 : 0) + (stdin ? 1 : 0);
        if (given != 1) {
            throw new ParameterException(spec.commandLine(), (given == 0 ? "Missing" : "More than one of")
                    + " " + prefix + "-file, " + prefix + "-env or " + prefix + "-stdin"
                    + (given == 0 ? " (secrets are never taken as arguments)" : ": give one"));
        }
        SecretSource source;
        if (file != null) {
            requireOwnerOnly(spec, prefix + "-file", file);
            source = FileSecretSource.of(file);
        } else if (env != null) {
            if (System.getenv(env) == null) {
                throw new ParameterException(spec.commandLine(), prefix + "-env: environment variable " + env + " is not set");
            }
            source = EnvSecretSource.of(env);
        } else {
            source = StdinSecretSource.standardInput();
        }
        return source.read();
    }

    /** Reads the env file given with {@code option} after checking that only its owner can read it. */
    static EnvFile envFile(CommandSpec spec, String option, Path file) {
        requireOwnerOnly(spec, option, file);
        return EnvFile.read(file);
    }

    /** Refuses a missing file and one its group or every user may read. */
    static void requireOwnerOnly(CommandSpec spec, String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), option + ": " + file + " is not a file");
        }
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), option + ": cannot read the permissions of " + file);
        }
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw new ParameterException(spec.commandLine(), option + ": " + file
                    + " can be read by other users; run `chmod 600 " + file + "` and try again");
        }
    }
}
