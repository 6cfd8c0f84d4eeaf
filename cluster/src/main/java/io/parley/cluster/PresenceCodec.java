package io.parley.cluster;

import io.parley.core.account.PrivateMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The values {@link NatsPresenceLink} sends, one layout per subject, each with a version byte of
 * its own, so that nodes of two adjacent versions keep talking during a rolling upgrade:
 * <ul>
 *   <li>A layout only grows at its end: a new field is appended and its subject's version goes
 *       up by one. A reader takes the fields it knows and ignores what follows (a newer node's
 *       additions); a field newer than the message it reads gets its default.</li>
 *   <li>A change that cannot be an append is a new subject, never a new meaning of an old one.</li>
 * </ul>
 * Before this rule one version byte covered every subject, and a node dropped every message of
 * another version: version 1 (the first cluster release) and 2 (a private message's id and guest
 * tokens, written before its sender, not appended) are both still read. Strings are
 * length-prefixed UTF-8, so client text crosses unchanged and is never parsed.
 */
final class PresenceCodec {

    /** A private message: 2, its id and guest tokens (1 had neither: read as id 0, two accounts). */
    static final byte PM = 2;
    /** A replaced login: the name and the hold's token, unchanged since 1 (written as 2, which nodes of that version need). */
    static final byte REPLACED = 2;
    /** A registration: the name, unchanged since 1 (written as 2, likewise). */
    static final byte REGISTERED = 2;

    /** A name coming online or going offline: 1, the sending node, the name, whether online. */
    static final byte COMING_AND_GOING = 1;

    private PresenceCodec() {}

    /** A replaced login, as a listener hears it. */
    record Replaced(String name, long token) {}

    /** A name that came online or went offline on {@code node}. */
    record ComingAndGoing(String node, String name, boolean online) {}

    static byte[] comingAndGoing(String node, String name, boolean online) {
        return write(COMING_AND_GOING, out -> {
            WireStrings.write(out, node);
            WireStrings.write(out, name);
            out.writeBoolean(online);
        });
    }

    static ComingAndGoing comingAndGoing(byte[] data) throws IOException {
        DataInputStream in = reader(data);
        version(in);
        return new ComingAndGoing(WireStrings.read(in), WireStrings.read(in), in.readBoolean());
    }

    static byte[] privateMessage(PrivateMessage message) {
        return write(PM, out -> {
            out.writeLong(message.id());
            out.writeLong(message.time().getEpochSecond());
            out.writeInt(message.time().getNano());
            WireStrings.write(out, message.from());
            WireStrings.write(out, message.fromGuest());
            WireStrings.write(out, message.to());
            WireStrings.write(out, message.toGuest());
            out.writeBoolean(message.encrypted());
            WireStrings.write(out, message.body());
        });
    }

    static PrivateMessage privateMessage(byte[] data) throws IOException {
        DataInputStream in = reader(data);
        if (version(in) == 1) {
            Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
            return new PrivateMessage(time, WireStrings.read(in), WireStrings.read(in), in.readBoolean(), WireStrings.read(in));
        }
        long id = in.readLong();
        Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
        return new PrivateMessage(id, time, WireStrings.read(in), WireStrings.read(in), WireStrings.read(in), WireStrings.read(in), in.readBoolean(), WireStrings.read(in));
    }

    /** Whether a private message carries its parties' guest tokens: not one of version 1, whose "" is no account's. */
    static boolean hasGuestTokens(byte[] data) {
        return data.length > 0 && data[0] != 1;
    }

    static byte[] replaced(String name, long token) {
        return write(REPLACED, out -> {
            WireStrings.write(out, name);
            out.writeLong(token);
        });
    }

    static Replaced replaced(byte[] data) throws IOException {
        DataInputStream in = reader(data);
        version(in);
        return new Replaced(WireStrings.read(in), in.readLong());
    }

    static byte[] registered(String name) {
        return write(REGISTERED, out -> WireStrings.write(out, name));
    }

    static String registered(byte[] data) throws IOException {
        DataInputStream in = reader(data);
        version(in);
        return WireStrings.read(in);
    }

    private static DataInputStream reader(byte[] data) {
        return new DataInputStream(new ByteArrayInputStream(data));
    }

    /** The message's version: any from 1 on (a later one is read as far as this node knows it). */
    private static int version(DataInputStream in) throws IOException {
        int version = in.readUnsignedByte();
        if (version < 1) {
            throw new IOException("unknown version " + version);
        }
        return version;
    }

    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    static byte[] write(byte version, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

}
