package io.parley.protocol;

/**
 * A command-line switch a protocol adds to {@code parley serve} beyond its port flags: given, it
 * sets {@code key} to {@code true} ({@code --allow-kill}).
 *
 * @param flag the switch, with its dashes
 * @param key the setting it turns on
 * @param description its line in {@code parley serve --help}
 */
public record ModuleSwitch(String flag, String key, String description) {}
