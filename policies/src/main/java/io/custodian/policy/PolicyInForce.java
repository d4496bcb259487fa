package io.custodian.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy set in force, swapped whole when a good change is loaded. Consumers call
 * {@link #get()} when they decide (never keep a set from startup), and record its version with the
 * decision.
 */
public final class PolicyInForce implements Supplier<PolicySet> {
    private static final Logger log = LoggerFactory.getLogger(PolicyInForce.class);
    private final AtomicReference<PolicySet> current;
    private final AtomicReference<ReloadFailure> failure = new AtomicReference<>();
    private final List<PolicyListener> listeners = new CopyOnWriteArrayList<>();

    public PolicyInForce(PolicySet initial) {
        this.current = new AtomicReference<>(requireNonNull(initial, "initial is null"));
    }

    /** The set in force now. */
    @Override
    public PolicySet get() {
        return current.get();
    }

    /** Why the folder's current content is refused; empty while it is good. */
    public Optional<ReloadFailure> failure() {
        return Optional.ofNullable(failure.get());
    }

    public void addListener(PolicyListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Puts a newly loaded set in force and clears any failure. */
    public void replace(PolicySet next) {
        requireNonNull(next, "next is null");
        PolicySet previous = current.getAndSet(next);
        failure.set(null);
        for (PolicyListener listener : listeners) {
            try {
                listener.reloaded(previous, next);
            } catch (RuntimeException e) {
                log.warn("a policy listener failed after reload: {}", e.getClass().getName());
            }
        }
    }

    /** Records that a change was refused; the set in force stays. */
    public void refuse(ReloadFailure refused) {
        requireNonNull(refused, "refused is null");
        failure.set(refused);
        PolicySet inForce = current.get();
        for (PolicyListener listener : listeners) {
            try {
                listener.reloadFailed(refused, inForce);
            } catch (RuntimeException e) {
                log.warn("a policy listener failed after a refused reload: {}", e.getClass().getName());
            }
        }
    }
}
