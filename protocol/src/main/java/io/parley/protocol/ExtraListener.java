package io.parley.protocol;

/**
 * A listener a protocol asks for beyond its {@code <name>.port} and {@code <name>.tls-port}
 * (the line protocol's {@code line.extra-listeners}): always plaintext.
 *
 * @param port the port, 0 for a free one
 * @param qualifier what this listener serves, passed to {@link ProtocolModule#handler} and part
 *     of its port name ({@code line:games})
 * @param description what start-up errors call it after the protocol's name ({@code room games})
 * @param key the setting that asks for it, named in start-up errors
 */
public record ExtraListener(int port, String qualifier, String description, String key) {}
