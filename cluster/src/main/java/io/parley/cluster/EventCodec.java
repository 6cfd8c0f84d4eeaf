package io.parley.cluster;

import io.parley.core.room.ChatMessage;
import io.parley.core.room.MemberRef;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A room event as the bytes of one NATS message, and back: a version byte, the kind, the room
 * (ref, name), the sequence, then a message (id, time to the nanosecond, author, kind, text) or a
 * member (node, id, name). Strings are length-prefixed UTF-8, so any text a client sent crosses
 * unchanged and unescaped: nothing here is ever logged or parsed as text.
 *
 * <p>Stateless and thread-safe.
 */
final class EventCodec {

    static final byte VERSION = 1;
    private static final byte POSTED = 'P';
    private static final byte JOINED = 'J';
    private static final byte LEFT = 'L';

    private EventCodec() {}

    static byte[] encode(RoomEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(event instanceof RoomEvent.Posted ? POSTED : event instanceof RoomEvent.Joined ? JOINED : LEFT);
            out.writeInt(event.room().ref());
            writeString(out, event.room().name());
            out.writeLong(event.sequence());
            if (event instanceof RoomEvent.Posted posted) {
                ChatMessage chat = posted.chat();
                out.writeLong(chat.id());
                out.writeLong(chat.time().getEpochSecond());
                out.writeInt(chat.time().getNano());
                writeString(out, chat.author());
                out.writeByte(chat.kind().ordinal());
                writeString(out, chat.text());
            } else {
                MemberRef member = event instanceof RoomEvent.Joined joined ? joined.member() : ((RoomEvent.Left) event).member();
                writeString(out, member.node());
                out.writeLong(member.id());
                writeString(out, member.name());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a byte array
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if {@code data} is not an event this version wrote */
    static RoomEvent decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown event version " + version);
            }
            byte kind = in.readByte();
            RoomId room = new RoomId(in.readInt(), readString(in));
            long sequence = in.readLong();
            return switch (kind) {
                case POSTED -> {
                    long id = in.readLong();
                    Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
                    String author = readString(in);
                    ChatMessage.Kind messageKind = ChatMessage.Kind.values()[in.readByte()];
                    yield new RoomEvent.Posted(room, sequence,
                            new ChatMessage(id, time, room.ref(), author, messageKind, readString(in)));
                }
                case JOINED -> new RoomEvent.Joined(room, sequence, readMember(in));
                case LEFT -> new RoomEvent.Left(room, sequence, readMember(in));
                default -> throw new IllegalArgumentException("unknown event kind " + kind);
            };
        } catch (IOException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("malformed event: " + e, e);
        }
    }

    private static MemberRef readMember(DataInputStream in) throws IOException {
        return new MemberRef(readString(in), in.readLong(), readString(in));
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("a string of " + length + " bytes in " + in.available());
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
