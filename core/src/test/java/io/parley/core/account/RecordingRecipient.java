package io.parley.core.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link Recipient} that records what it was told. Not thread-safe: one test thread. */
final class RecordingRecipient implements Recipient {

    private final String name;
    private final String guest;
    final List<PrivateMessage> delivered = new ArrayList<>();
    int replaced;
    final List<String> registered = new ArrayList<>();

    RecordingRecipient(String name) {
        this(name, "");
    }

    /** A guest's recipient: {@code guest} is its connection's token. */
    RecordingRecipient(String name, String guest) {
        this.name = name;
        this.guest = guest;
    }

    @Override
    public String guest() {
        return guest;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> publicKey() {
        return Optional.empty();
    }

    @Override
    public void deliver(PrivateMessage message) {
        delivered.add(message);
    }

    @Override
    public void replaced() {
        replaced++;
    }

    @Override
    public void nameRegistered(String registeredName) {
        registered.add(registeredName);
    }
}
