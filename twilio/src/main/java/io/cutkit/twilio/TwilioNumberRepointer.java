package io.cutkit.twilio;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumberUpdater;
import io.cutkit.core.numbers.FieldChange;
import io.cutkit.core.numbers.InvalidRouteChangeException;
import io.cutkit.core.numbers.NumberId;
import io.cutkit.core.numbers.NumberOutcome;
import io.cutkit.core.numbers.NumberRepointer;
import io.cutkit.core.numbers.NumberRoute;
import io.cutkit.core.numbers.NumberSelection;
import io.cutkit.core.numbers.NumberState;
import io.cutkit.core.numbers.OverrideHandling;
import io.cutkit.core.numbers.PlanEntry;
import io.cutkit.core.numbers.RepointException;
import io.cutkit.core.numbers.RepointPlan;
import io.cutkit.core.numbers.RepointRefusedException;
import io.cutkit.core.numbers.RepointResult;
import io.cutkit.core.numbers.RouteChange;
import io.cutkit.core.numbers.RouteField;
import io.cutkit.core.numbers.RoutedNumber;
import io.cutkit.core.numbers.RoutingSnapshot;
import io.cutkit.core.numbers.UnknownNumberException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NumberRepointer} over Twilio's IncomingPhoneNumbers API through twilio-java.
 *
 * <p>Costs: a snapshot lists the account's numbers in pages of up to 1000 (one request per page);
 * apply re-lists them once to check nothing changed since the snapshot, then sends one update
 * and one read-back per changed number, at most {@code concurrency} at a time. A rollback lists
 * the numbers once, then sends an update and a read-back per number that differs from the
 * snapshot; a failed number costs one to three more requests. Retries of 429/5xx happen in the
 * client's {@link TwilioTransport}. Nothing here logs or throws the credentials.
 */
public final class TwilioNumberRepointer implements NumberRepointer {

    private static final Logger log = LoggerFactory.getLogger(TwilioNumberRepointer.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern NUMBER_SID = Pattern.compile("PN[0-9a-fA-F]{32}");
    private static final Pattern APPLICATION_SID = Pattern.compile("AP[0-9a-fA-F]{32}");
    private static final Pattern TRUNK_SID = Pattern.compile("TK[0-9a-fA-F]{32}");

    private final TwilioRestClient client;
    private final String accountSid;
    private final int concurrency;
    private final long pageSize;
    private final boolean rollbackOnFailure;
    private final Clock clock;
    private final Consumer<NumberOutcome> listener;

    private TwilioNumberRepointer(Builder builder) {
        this.client = builder.client;
        this.accountSid = builder.client.getAccountSid();
        this.concurrency = builder.concurrency;
        this.pageSize = builder.pageSize;
        this.rollbackOnFailure = builder.rollbackOnFailure;
        this.clock = builder.clock;
        this.listener = builder.listener;
    }

    /** A repointer using {@code credentials} over {@code transport}, with default settings. */
    public static TwilioNumberRepointer create(TwilioCredentials credentials, TwilioTransport transport) {
        return builder(credentials.restClient(transport)).build();
    }

    /** Starts configuring a repointer that talks through {@code client}. */
    public static Builder builder(TwilioRestClient client) {
        return new Builder(client);
    }

    @Override
    public RoutingSnapshot snapshot(NumberSelection selection) {
        List<String> malformed = selection.identifiers().stream()
                .filter(id -> !E164.matcher(id).matches() && !NUMBER_SID.matcher(id).matches())
                .toList();
        List<RoutedNumber> all = listAll();
        if (selection.everyNumber()) {
            return new RoutingSnapshot(accountSid, clock.instant(), all);
        }
        Map<String, RoutedNumber> chosen = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String id : new LinkedHashSet<>(selection.identifiers())) {
            if (malformed.contains(id)) {
                continue;
            }
            all.stream().filter(n -> n.number().matches(id)).findFirst()
                    .ifPresentOrElse(n -> chosen.putIfAbsent(n.number().sid(), n), () -> unknown.add(id));
        }
        if (!malformed.isEmpty() || !unknown.isEmpty()) {
            throw new UnknownNumberException(accountSid, malformed, unknown);
        }
        return new RoutingSnapshot(accountSid, clock.instant(), List.copyOf(chosen.values()));
    }

    @Override
    public RepointPlan plan(RoutingSnapshot snapshot, RouteChange change, OverrideHandling overrideHandling) {
        List<String> problems = new ArrayList<>();
        change.values().forEach((field, value) -> {
            if (value == null) {
                if (field.kind() == RouteField.Kind.METHOD || field.kind() == RouteField.Kind.MODE) {
                    problems.add(field + " cannot be cleared on Twilio: set it to "
                            + (field.kind() == RouteField.Kind.METHOD ? "GET or POST" : "voice or fax"));
                }
                return;
            }
            Pattern expected = field == RouteField.TRUNK_SID ? TRUNK_SID
                    : field.kind() == RouteField.Kind.REFERENCE ? APPLICATION_SID : null;
            if (expected != null && !expected.matcher(value).matches()) {
                problems.add(field + " '" + value + "' is not a Twilio "
                        + (field == RouteField.TRUNK_SID ? "trunk SID (TK + 32 hex digits)" : "application SID (AP + 32 hex digits)"));
            }
        });
        if (!snapshot.account().equals(accountSid)) {
            problems.add("the snapshot is of account " + snapshot.account() + " but this repointer acts on "
                    + accountSid + ": take the snapshot with the same credentials");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRouteChangeException(problems);
        }
        return RepointPlan.of(snapshot, change, overrideHandling);
    }

    @Override
    public RepointResult apply(RepointPlan plan) {
        Instant started = clock.instant();
        refuseUnsafe(plan);
        List<PlanEntry> entries = plan.entries();
        AtomicBoolean aborted = new AtomicBoolean();
        List<NumberOutcome> outcomes = runAll(entries, entry -> () -> applyOne(entry, aborted));
        if (aborted.get() && rollbackOnFailure) {
            Map<NumberId, NumberRoute> originals = entries.stream()
                    .collect(Collectors.toMap(PlanEntry::number, PlanEntry::before));
            List<NumberOutcome.Repointed> changed = outcomes.stream()
                    .filter(NumberOutcome.Repointed.class::isInstance)
                    .map(NumberOutcome.Repointed.class::cast)
                    .toList();
            Map<NumberId, NumberOutcome> restored = runAll(changed, repointed -> () -> restore(repointed.number(),
                    originals.get(repointed.number()), repointed.route(), repointed.route()))
                    .stream().collect(Collectors.toMap(NumberOutcome::number, outcome -> outcome));
            outcomes = outcomes.stream().map(outcome -> restored.getOrDefault(outcome.number(), outcome)).toList();
        }
        RepointResult result = new RepointResult(outcomes, Duration.between(started, clock.instant()));
        log.info("Repoint of {} number(s) in account {}: {} in {} ms", entries.size(), accountSid,
                result.status(), result.elapsed().toMillis());
        return result;
    }

    @Override
    public RepointResult rollback(RoutingSnapshot snapshot) {
        Instant started = clock.instant();
        if (!snapshot.account().equals(accountSid)) {
            throw new RepointException("the snapshot is of account " + snapshot.account()
                    + " but this repointer acts on " + accountSid + ": roll back with the snapshot's credentials");
        }
        Map<String, NumberRoute> live = listAll().stream()
                .collect(Collectors.toMap(n -> n.number().sid(), RoutedNumber::route));
        List<NumberOutcome> outcomes = runAll(snapshot.numbers(), routed -> () -> {
            NumberRoute current = live.get(routed.number().sid());
            if (current == null) {
                return new NumberOutcome.RollbackFailed(routed.number(), "the number is no longer in account "
                        + accountSid + " (released or moved?)", NumberState.UNKNOWN, null);
            }
            return restore(routed.number(), routed.route(), current, null);
        });
        RepointResult result = new RepointResult(outcomes, Duration.between(started, clock.instant()));
        log.info("Rollback of {} number(s) in account {}: {} in {} ms", snapshot.size(), accountSid,
                result.status(), result.elapsed().toMillis());
        return result;
    }

    private void refuseUnsafe(RepointPlan plan) {
        List<PlanEntry.WouldNotMoveTraffic> flagged = plan.wouldNotMoveTraffic();
        if (!flagged.isEmpty()) {
            String lines = flagged.stream().map(f -> f.number() + ": " + f.reason()).collect(Collectors.joining("\n - "));
            throw new RepointRefusedException("refusing to apply, nothing was changed: " + flagged.size()
                    + " number(s) would keep their traffic where it is:\n - " + lines,
                    flagged.stream().map(PlanEntry::number).toList(), List.of());
        }
        Map<String, NumberRoute> live = listAll().stream()
                .collect(Collectors.toMap(n -> n.number().sid(), RoutedNumber::route));
        List<NumberId> changed = plan.entries().stream()
                .filter(entry -> !entry.before().equals(live.get(entry.number().sid())))
                .map(PlanEntry::number)
                .toList();
        if (!changed.isEmpty()) {
            throw new RepointRefusedException("refusing to apply, nothing was changed: " + changed.size()
                    + " number(s) changed or disappeared since the snapshot was taken, so a rollback would not restore"
                    + " what is live now: " + changed + "; take a new snapshot and plan again",
                    List.of(), changed);
        }
    }

    private NumberOutcome applyOne(PlanEntry entry, AtomicBoolean aborted) {
        if (entry instanceof PlanEntry.Unchanged unchanged) {
            return new NumberOutcome.Unchanged(unchanged.number(), unchanged.before());
        }
        PlanEntry.Apply apply = (PlanEntry.Apply) entry;
        if (aborted.get()) {
            return new NumberOutcome.NotAttempted(apply.number());
        }
        String error;
        try {
            update(apply.number().sid(), apply.after(), apply.changes().stream().map(FieldChange::field).toList());
            NumberRoute observed = routeOf(fetch(apply.number().sid()));
            if (observed.equals(apply.after())) {
                return new NumberOutcome.Repointed(apply.number(), observed);
            }
            error = "read-back differs from the plan: " + apply.after().diff(observed);
        } catch (RuntimeException e) {
            error = "update failed: " + describe(e);
        }
        aborted.set(true);
        log.warn("Repoint of {} failed, stopping the run: {}", apply.number(), error);
        return settleFailed(apply, error);
    }

    /** Puts a number whose update failed back on its snapshot route when needed, and says where it is. */
    private NumberOutcome settleFailed(PlanEntry.Apply apply, String error) {
        NumberRoute observed;
        try {
            observed = routeOf(fetch(apply.number().sid()));
        } catch (RuntimeException e) {
            return new NumberOutcome.Failed(apply.number(), error + "; then could not read it back: " + describe(e),
                    NumberState.UNKNOWN, null);
        }
        if (observed.equals(apply.before())) {
            return new NumberOutcome.Failed(apply.number(), error, NumberState.ORIGINAL, observed);
        }
        NumberOutcome restored = restore(apply.number(), apply.before(), observed, apply.after());
        if (restored instanceof NumberOutcome.RolledBack rolledBack) {
            return new NumberOutcome.Failed(apply.number(), error + "; partial change restored",
                    NumberState.ORIGINAL, rolledBack.route());
        }
        NumberOutcome.RollbackFailed failed = (NumberOutcome.RollbackFailed) restored;
        return new NumberOutcome.Failed(apply.number(), error + "; " + failed.error(), failed.state(), failed.observed());
    }

    /**
     * Writes {@code original} back over {@code current} and verifies it; {@code target} (null
     * outside an apply) lets a failed restore report that the number is still repointed.
     */
    private NumberOutcome restore(NumberId number, NumberRoute original, NumberRoute current, NumberRoute target) {
        List<RouteField> fields = current.diff(original).stream().map(FieldChange::field).toList();
        try {
            if (!fields.isEmpty()) {
                update(number.sid(), original, fields);
            }
            NumberRoute observed = fields.isEmpty() ? current : routeOf(fetch(number.sid()));
            if (observed.equals(original)) {
                return new NumberOutcome.RolledBack(number, observed);
            }
            return new NumberOutcome.RollbackFailed(number, "read-back after restore differs from the snapshot: "
                    + original.diff(observed), stateOf(observed, original, target), observed);
        } catch (RuntimeException e) {
            String error = "restore failed: " + describe(e);
            try {
                NumberRoute observed = routeOf(fetch(number.sid()));
                if (observed.equals(original)) {
                    return new NumberOutcome.RolledBack(number, observed);
                }
                return new NumberOutcome.RollbackFailed(number, error, stateOf(observed, original, target), observed);
            } catch (RuntimeException readError) {
                return new NumberOutcome.RollbackFailed(number, error + "; then could not read it back: "
                        + describe(readError), NumberState.UNKNOWN, null);
            }
        }
    }

    private static NumberState stateOf(NumberRoute observed, NumberRoute original, NumberRoute target) {
        if (observed.equals(original)) {
            return NumberState.ORIGINAL;
        }
        return observed.equals(target) ? NumberState.TARGET : NumberState.UNKNOWN;
    }

    private <T> List<NumberOutcome> runAll(List<T> items, java.util.function.Function<T, Supplier<NumberOutcome>> task) {
        if (items.isEmpty()) {
            return List.of();
        }
        AtomicInteger threadCount = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, items.size()), runnable -> {
            Thread thread = new Thread(runnable, "cutkit-twilio-repoint-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<NumberOutcome>> futures = new ArrayList<>();
            for (T item : items) {
                Supplier<NumberOutcome> work = task.apply(item);
                futures.add(CompletableFuture.supplyAsync(() -> publish(work.get()), pool));
            }
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    private NumberOutcome publish(NumberOutcome outcome) {
        try {
            listener.accept(outcome);
        } catch (RuntimeException e) {
            log.warn("Outcome listener failed on {}: {}", outcome.number(), e.toString());
        }
        return outcome;
    }

    private List<RoutedNumber> listAll() {
        try {
            ResourceSet<IncomingPhoneNumber> pages = IncomingPhoneNumber.reader(accountSid)
                    .setPageSize(pageSize)
                    .read(client);
            List<RoutedNumber> all = new ArrayList<>();
            for (IncomingPhoneNumber number : pages) {
                all.add(new RoutedNumber(new NumberId(number.getSid(), number.getPhoneNumber().toString()), routeOf(number)));
            }
            return all;
        } catch (TwilioException e) {
            throw new RepointException("could not list the phone numbers of account " + accountSid + ": "
                    + describe(e) + "; " + nextStep(e), e);
        }
    }

    private IncomingPhoneNumber fetch(String sid) {
        return IncomingPhoneNumber.fetcher(accountSid, sid).fetch(client);
    }

    private void update(String sid, NumberRoute target, Collection<RouteField> fields) {
        IncomingPhoneNumberUpdater updater = IncomingPhoneNumber.updater(accountSid, sid);
        for (RouteField field : fields) {
            String value = target.valueOrNull(field);
            String orEmpty = value == null ? "" : value;
            switch (field) {
                case VOICE_URL -> updater.setVoiceUrl(orEmpty);
                case VOICE_FALLBACK_URL -> updater.setVoiceFallbackUrl(orEmpty);
                case STATUS_CALLBACK -> updater.setStatusCallback(orEmpty);
                case SMS_URL -> updater.setSmsUrl(orEmpty);
                case SMS_FALLBACK_URL -> updater.setSmsFallbackUrl(orEmpty);
                case VOICE_APPLICATION_SID -> updater.setVoiceApplicationSid(orEmpty);
                case SMS_APPLICATION_SID -> updater.setSmsApplicationSid(orEmpty);
                case TRUNK_SID -> updater.setTrunkSid(orEmpty);
                case VOICE_METHOD -> setIfPresent(value, v -> updater.setVoiceMethod(HttpMethod.forValue(v)));
                case VOICE_FALLBACK_METHOD -> setIfPresent(value, v -> updater.setVoiceFallbackMethod(HttpMethod.forValue(v)));
                case STATUS_CALLBACK_METHOD -> setIfPresent(value, v -> updater.setStatusCallbackMethod(HttpMethod.forValue(v)));
                case SMS_METHOD -> setIfPresent(value, v -> updater.setSmsMethod(HttpMethod.forValue(v)));
                case SMS_FALLBACK_METHOD -> setIfPresent(value, v -> updater.setSmsFallbackMethod(HttpMethod.forValue(v)));
                case VOICE_RECEIVE_MODE -> setIfPresent(value,
                        v -> updater.setVoiceReceiveMode(IncomingPhoneNumber.VoiceReceiveMode.forValue(v)));
            }
        }
        updater.update(client);
    }

    private static void setIfPresent(String value, java.util.function.Consumer<String> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** Every routing field of {@code number}; empty strings (Twilio's "unset") become unset. */
    static NumberRoute routeOf(IncomingPhoneNumber number) {
        Map<RouteField, String> values = new EnumMap<>(RouteField.class);
        values.put(RouteField.VOICE_URL, text(number.getVoiceUrl()));
        values.put(RouteField.VOICE_METHOD, text(number.getVoiceMethod()));
        values.put(RouteField.VOICE_FALLBACK_URL, text(number.getVoiceFallbackUrl()));
        values.put(RouteField.VOICE_FALLBACK_METHOD, text(number.getVoiceFallbackMethod()));
        values.put(RouteField.STATUS_CALLBACK, text(number.getStatusCallback()));
        values.put(RouteField.STATUS_CALLBACK_METHOD, text(number.getStatusCallbackMethod()));
        values.put(RouteField.SMS_URL, text(number.getSmsUrl()));
        values.put(RouteField.SMS_METHOD, text(number.getSmsMethod()));
        values.put(RouteField.SMS_FALLBACK_URL, text(number.getSmsFallbackUrl()));
        values.put(RouteField.SMS_FALLBACK_METHOD, text(number.getSmsFallbackMethod()));
        values.put(RouteField.VOICE_APPLICATION_SID, number.getVoiceApplicationSid());
        values.put(RouteField.SMS_APPLICATION_SID, number.getSmsApplicationSid());
        values.put(RouteField.TRUNK_SID, number.getTrunkSid());
        values.put(RouteField.VOICE_RECEIVE_MODE, text(number.getVoiceReceiveMode()));
        return NumberRoute.of(values);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof URI uri ? uri.toString() : value.toString();
    }

    /** What to do about a failed read, by status. */
    private static String nextStep(TwilioException e) {
        Integer status = e instanceof ApiException api ? api.getStatusCode() : null;
        if (status == null || status == 429 || status >= 500) {
            return "Twilio is unreachable, rate limiting or failing: try again later or raise the retry budget";
        }
        return "check the account SID and credentials";
    }

    /**
     * Status, Twilio error code and message of a failed call (twilio-java's messages hold no
     * credentials); any other error by type and message, so a per-number failure is always reported
     * rather than lost.
     */
    static String describe(RuntimeException e) {
        if (e instanceof ApiException api) {
            return "HTTP " + api.getStatusCode() + (api.getCode() == null ? "" : ", Twilio error " + api.getCode())
                    + ": " + api.getMessage() + (api.getMoreInfo() == null ? "" : " (" + api.getMoreInfo() + ")");
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Configures a {@link TwilioNumberRepointer}. */
    public static final class Builder {
        private final TwilioRestClient client;
        private int concurrency = 8;
        private long pageSize = 1000;
        private boolean rollbackOnFailure = true;
        private Clock clock = Clock.systemUTC();
        private Consumer<NumberOutcome> listener = outcome -> { };

        private Builder(TwilioRestClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** How many numbers are updated at once (default 8); Twilio rate-limits per account, so keep it modest. */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /** Numbers per list request, 1 to 1000 (Twilio's maximum; the default). */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1 || pageSize > 1000) {
                throw new IllegalArgumentException("pageSize must be between 1 and 1000 (Twilio's maximum), was " + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        /**
         * Whether a failed apply restores the numbers it already changed (default true). When
         * false they stay repointed and the result reports each number's state.
         */
        public Builder rollbackOnFailure(boolean rollbackOnFailure) {
            this.rollbackOnFailure = rollbackOnFailure;
            return this;
        }

        /**
         * Called with each number's outcome as soon as it is known, from worker threads (so it must be
         * thread-safe); a number rolled back after a later failure is reported twice, repointed then
         * rolled back. For progress displays and journals.
         */
        public Builder onOutcome(Consumer<NumberOutcome> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public TwilioNumberRepointer build() {
            return new TwilioNumberRepointer(this);
        }
    }
}
