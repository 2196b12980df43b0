package io.cutkit.twilio;

import io.cutkit.core.numbers.NumberSelection;
import io.cutkit.core.numbers.OverrideHandling;
import io.cutkit.core.numbers.RoutingSnapshot;
import io.cutkit.core.secret.EnvSecretSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child-process repoint for {@link NumberRepointerIT}: snapshots every number of the account at
 * {@code CUTKIT_TWILIO_ENDPOINT} ({@code CUTKIT_TWILIO_ACCOUNT}, {@code CUTKIT_TWILIO_TOKEN}), keeps the
 * snapshot in the file {@code args[0]} and repoints the numbers one at a time to the new stack.
 */
public final class RepointChild {

    private RepointChild() {
    }

    public static void main(String[] args) throws IOException {
        TwilioTransport transport = TwilioTransport.builder().endpoint(URI.create(System.getenv("CUTKIT_TWILIO_ENDPOINT")))
                .build();
        TwilioCredentials credentials = TwilioCredentials.authToken(System.getenv("CUTKIT_TWILIO_ACCOUNT"),
                EnvSecretSource.of("CUTKIT_TWILIO_TOKEN").read());
        TwilioNumberRepointer repointer = TwilioNumberRepointer.builder(credentials.restClient(transport)).concurrency(1)
                .rollbackOnFailure(true).build();
        RoutingSnapshot snapshot = repointer.snapshot(NumberSelection.all());
        Files.writeString(Path.of(args[0]), snapshot.toText());
        repointer.apply(repointer.plan(snapshot, NumberRepointerIT.TO_NEW_STACK, OverrideHandling.REFUSE));
        System.out.println("finished");
    }
}
