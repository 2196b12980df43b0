package io.cutkit.core.numbers;

/**
 * Repoints phone numbers' webhooks to a new stack in four steps: {@link #snapshot} records every
 * routing field, {@link #plan} shows a per-number diff and flags numbers whose traffic would not
 * move, {@link #apply} changes and verifies each number (undoing the run on failure), and
 * {@link #rollback} writes a snapshot back exactly.
 *
 * <p>Implementations talk to a provider's API; each call costs about one request per number
 * (plus one per page of numbers for the snapshot). Bad input fails with a {@link RepointException}
 * subtype before any number is changed.
 */
public interface NumberRepointer {

    /**
     * Reads the full route of the selected numbers.
     *
     * @throws UnknownNumberException when an identifier is malformed or matches no number
     * @throws RepointException when the provider cannot be read
     */
    RoutingSnapshot snapshot(NumberSelection selection);

    /**
     * Computes what {@code change} would do to each number of {@code snapshot}, without sending
     * anything.
     *
     * @throws InvalidRouteChangeException when a value of {@code change} is invalid for this provider
     */
    default RepointPlan plan(RoutingSnapshot snapshot, RouteChange change, OverrideHandling overrideHandling) {
        return RepointPlan.of(snapshot, change, overrideHandling);
    }

    /**
     * Applies {@code plan}: updates every {@link PlanEntry.Apply} number, reads it back and
     * verifies it. If any number fails, no further number is started and the numbers already
     * changed are restored to the snapshot; the result says which number is in which state.
     *
     * @throws RepointRefusedException before any change when the plan flags numbers whose traffic
     *     would not move, or when numbers changed since the snapshot
     */
    RepointResult apply(RepointPlan plan);

    /**
     * Restores every number of {@code snapshot} to its recorded route and verifies it; continues
     * past failures and reports each number's state.
     */
    RepointResult rollback(RoutingSnapshot snapshot);
}
