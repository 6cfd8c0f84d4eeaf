package io.parley.core.account;

import java.util.Optional;

/**
 * A registered user as the store keeps it.
 *
 * @param name the name as registered
 * @param passwordHash a salted slow hash in PHC string form, never the password
 * @param publicKey the user's public key in its one-line wire form, if it registered one
 */
public record AccountRecord(String name, String passwordHash, Optional<String> publicKey) {}
