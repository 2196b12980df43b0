package io.cutkit.cli;

import io.cutkit.core.numbers.NumberSelection;
import io.cutkit.core.numbers.OverrideHandling;
import io.cutkit.core.numbers.RepointPlan;
import io.cutkit.core.numbers.RepointResult;
import io.cutkit.core.numbers.RouteChange;
import io.cutkit.core.numbers.RoutingSnapshot;
import io.cutkit.core.secret.EnvFile;
import io.cutkit.core.secret.Secret;
import io.cutkit.twilio.TwilioCredentials;
import io.cutkit.twilio.TwilioNumberRepointer;
import io.cutkit.twilio.TwilioTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cutkit numbers plan|apply|rollback}: repoint Twilio numbers' webhooks (TwilioNumberRepointer). */
@Command(name = "numbers", mixinStandardHelpOptions = true,
        description = "Repoint phone numbers' webhooks to a new host with a plan, verification and rollback.",
        subcommands = {NumbersCommand.Plan.class, NumbersCommand.Apply.class, NumbersCommand.Rollback.class})
final class NumbersCommand extends CommandGroup {

    static final String ACCOUNT_SID = "TWILIO_ACCOUNT_SID";
    static final String AUTH_TOKEN = "TWILIO_AUTH_TOKEN";
    static final String API_BASE_URL = "TWILIO_API_BASE_URL";

    /** The account: an env file with the SID, the auth token and optionally another API host. */
    static final class AccountOptions {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--credentials", paramLabel = "FILE", required = true,
                description = {"Env file (mode 600) with " + ACCOUNT_SID + ", " + AUTH_TOKEN + " and optionally "
                        + API_BASE_URL + " (e.g. http://127.0.0.1:8080 for a stand-in; default Twilio's hosts)."})
        Path credentials;

        @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8", description = "Numbers updated at once (default ${DEFAULT-VALUE}).")
        int concurrency;

        TwilioNumberRepointer repointer() {
            try (EnvFile env = SecretInput.envFile(spec, "--credentials", credentials)) {
                for (String required : List.of(ACCOUNT_SID, AUTH_TOKEN)) {
                    if (!env.contains(required)) {
                        throw new ParameterException(spec.commandLine(), "--credentials: " + credentials + " does not set " + required);
                    }
                }
                TwilioTransport.Builder transport = TwilioTransport.builder();
                if (env.contains(API_BASE_URL)) {
                    transport.endpoint(URI.create(text(env, API_BASE_URL)));
                }
                TwilioCredentials account = TwilioCredentials.authToken(text(env, ACCOUNT_SID), env.source(AUTH_TOKEN).read());
                return TwilioNumberRepointer.builder(account.restClient(transport.build())).concurrency(concurrency).build();
            }
        }

        /** A value that is not secret (the account SID, the API host). */
        private static String text(EnvFile env, String name) {
            try (Secret value = env.source(name).read()) {
                return value.withBytes(bytes -> new String(bytes, StandardCharsets.UTF_8)).trim();
            }
        }
    }

    /** Which numbers: listed ones, or every number of the account. */
    static final class Selection {
        @Option(names = "--number", paramLabel = "E164|SID", required = true,
                description = "A number (+13125550181) or its SID (PN...), repeatable.")
        List<String> numbers;

        @Option(names = "--all-numbers", required = true, description = "Every number of the account.")
        boolean all;

        NumberSelection selection() {
            return all ? NumberSelection.all() : NumberSelection.of(numbers);
        }
    }

    /** The new routes: a base URL and the paths of the webhooks to change. */
    static final class RouteOptions {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Selection selection;

        @Option(names = "--webhook-base", paramLabel = "URL", required = true,
                description = "The new stack's base URL, e.g. https://api.new-stack.example.")
        String webhookBase;

        @Option(names = "--voice-path", paramLabel = "PATH", description = "Voice webhook path under the base, e.g. /api/twilio/voice.")
        String voicePath;

        @Option(names = "--sms-path", paramLabel = "PATH", description = "SMS webhook path under the base.")
        String smsPath;

        @Option(names = "--status-callback-path", paramLabel = "PATH", description = "Status callback path under the base.")
        String statusCallbackPath;

        @Option(names = "--clear-overrides",
                description = "Clear a trunk or application SID that would keep traffic off the new URLs (default: refuse such a plan).")
        boolean clearOverrides;

        RepointPlan plan(TwilioNumberRepointer repointer) {
            if (voicePath == null && smsPath == null && statusCallbackPath == null) {
                throw new ParameterException(spec.commandLine(),
                        "Give at least one of --voice-path, --sms-path, --status-callback-path");
            }
            String base = webhookBase.endsWith("/") ? webhookBase.substring(0, webhookBase.length() - 1) : webhookBase;
            RouteChange.Builder change = RouteChange.builder();
            if (voicePath != null) {
                change.voiceUrl(base + voicePath);
            }
            if (smsPath != null) {
                change.smsUrl(base + smsPath);
            }
            if (statusCallbackPath != null) {
                change.statusCallback(base + statusCallbackPath);
            }
            RouteChange built;
            try {
                built = change.build();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--webhook-base: " + e.getMessage());
            }
            return repointer.plan(repointer.snapshot(selection.selection()), built,
                    clearOverrides ? OverrideHandling.CLEAR_OVERRIDE : OverrideHandling.REFUSE);
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Show each number's change. Exit 1 when a number's override would keep its traffic where it is.")
    static final class Plan extends CutkitSubcommand {
        @Mixin
        AccountOptions account;

        @Mixin
        RouteOptions routes;

        @Override
        int run(Console console) {
            RepointPlan plan = routes.plan(account.repointer());
            console.result(plan.toText(), planDocument(plan));
            return plan.canApply() ? ExitCodes.OK : ExitCodes.FINDING;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Record the numbers' routes, then repoint and verify them.",
                "The routes go to --previous-routes first; a failure restores the numbers already changed.",
                "Exit 1 when refused or not every number reached its new route."})
    static final class Apply extends CutkitSubcommand {
        @Mixin
        AccountOptions account;

        @Mixin
        RouteOptions routes;

        @Option(names = "--previous-routes", paramLabel = "FILE", required = true,
                description = "A new file to record the current routes in, for `numbers rollback`.")
        Path previousRoutes;

        @Override
        int run(Console console) throws IOException {
            if (Files.exists(previousRoutes)) {
                throw usage("--previous-routes: " + previousRoutes + " already exists; it may hold the routes of an earlier"
                        + " apply. Roll back with it, or give a new file");
            }
            TwilioNumberRepointer repointer = account.repointer();
            RepointPlan plan = routes.plan(repointer);
            Files.writeString(previousRoutes, plan.snapshot().toText(), StandardOpenOption.CREATE_NEW);
            RepointResult result;
            try (ProgressTicker ticker = ProgressTicker.start(console, "repointing " + plan.snapshot().size() + " number(s)")) {
                result = repointer.apply(plan);
            }
            console.result(plan.toText() + result.toText(), resultDocument(result));
            return result.status() == RepointResult.Status.COMPLETE ? ExitCodes.OK : ExitCodes.FINDING;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Write the routes `numbers apply` recorded back to the numbers and verify them. Exit 1 unless all are restored.")
    static final class Rollback extends CutkitSubcommand {
        @Mixin
        AccountOptions account;

        @Option(names = "--previous-routes", paramLabel = "FILE", required = true, description = "The file `numbers apply` wrote.")
        Path previousRoutes;

        @Override
        int run(Console console) throws IOException {
            if (!Files.isRegularFile(previousRoutes)) {
                throw usage("--previous-routes: " + previousRoutes + " is not a file");
            }
            RoutingSnapshot snapshot = RoutingSnapshot.parse(Files.readString(previousRoutes));
            RepointResult result;
            try (ProgressTicker ticker = ProgressTicker.start(console, "restoring " + snapshot.size() + " number(s)")) {
                result = account.repointer().rollback(snapshot);
            }
            console.result(result.toText(), resultDocument(result));
            return result.status() == RepointResult.Status.RESTORED ? ExitCodes.OK : ExitCodes.FINDING;
        }
    }

    private static Map<String, Object> planDocument(RepointPlan plan) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("canApply", plan.canApply());
        doc.put("entries", plan.entries().stream().map(e -> Map.of("number", e.number().toString(),
                "kind", e.getClass().getSimpleName())).toList());
        return doc;
    }

    private static Map<String, Object> resultDocument(RepointResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", result.status().name());
        doc.put("outcomes", result.outcomes().stream().map(o -> Map.of("number", o.number().toString(),
                "outcome", o.getClass().getSimpleName(), "state", o.state().name())).toList());
        doc.put("elapsedMillis", result.elapsed().toMillis());
        return doc;
    }
}
