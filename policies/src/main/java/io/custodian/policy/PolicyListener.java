package io.custodian.policy;

/** Hears what becomes of each change of the policy folder. Called on the watcher's thread. */
public interface PolicyListener {
    /** A good change is now in force. */
    void reloaded(PolicySet previous, PolicySet current);

    /** A bad change was refused; {@code inForce} stays. */
    void reloadFailed(ReloadFailure failure, PolicySet inForce);
}
