package io.parley.protocol.tcd;

import io.parley.core.text.Text;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A message from the server to a TCD client, with its exact wire form (spec:
 * {@code shared/specs/tcd.md}). Every line ends with {@code \n}.
 */
sealed interface TcdReply {

    /** The bytes on the wire, as text. */
    String wire();

    record Helo(String text, String ip, int port, String studentId) implements TcdReply {
        @Override
        public String wire() {
            return "HELO " + text + "\nIP:" + ip + "\nPort:" + port + "\nStudentID:" + studentId + "\n";
        }
    }

    record Joined(String room, String serverIp, int port, int roomRef, long joinId) implements TcdReply {
        @Override
        public String wire() {
            return "JOINED_CHATROOM: " + room + "\nSERVER_IP: " + serverIp + "\nPORT: " + port
                    + "\nROOM_REF: " + roomRef + "\nJOIN_ID: " + joinId + "\n";
        }
    }

    record Left(String roomRef, String joinId) implements TcdReply {
        @Override
        public String wire() {
            return "LEFT_CHATROOM: " + roomRef + "\nJOIN_ID: " + joinId + "\n";
        }
    }

    /**
     * A room message: the relay form, also used for join and leave announcements. The text may
     * span lines, as a multi-line MESSAGE does (the spec's MESSAGE runs until the empty line), but
     * never holds an empty or blank line, which would end the relay early, nor a CR or NUL. A further line
     * that starts with a key of the server's replies ({@code CHAT:}, {@code CLIENT_NAME:},
     * {@code ERROR_CODE:}, ...) is quoted with {@link #QUOTE}, so a client that reads a relay up to
     * its empty line, key by key, cannot be handed a block the text carried (a fake {@code CHAT}
     * under another name: issue 12, finding 17). A client that reads a fixed four lines per relay
     * mis-reads every multi-line message, forged or not: the spec's relay is not of fixed length.
     */
    record Chat(int roomRef, String clientName, String message) implements TcdReply {
        /** Put in front of a message line that would otherwise read as a reply's key. */
        static final String QUOTE = "> ";
        /**
         * The keys of the server's replies (spec: tcd.md); a line is quoted if it starts with one, in
         * any case, since keys are case-insensitive (docs/protocols/tcd.md, TcdParser).
         */
        private static final Pattern REPLY_KEY = Pattern.compile("^\\s*(CHAT|CLIENT_NAME|MESSAGE|JOINED_CHATROOM|SERVER_IP"
                + "|PORT|ROOM_REF|JOIN_ID|LEFT_CHATROOM|ERROR_CODE|ERROR_DESCRIPTION|IP|StudentID)\\s*:",
                Pattern.CASE_INSENSITIVE);

        @Override
        public String wire() {
            return "CHAT: " + roomRef + "\nCLIENT_NAME: " + clientName + "\nMESSAGE: " + safe(message) + "\n\n";
        }

        private static String safe(String text) {
            StringJoiner lines = new StringJoiner("\n");
            for (String line : Text.lines(text)) {
                if (line.isBlank()) { // a client that strips lines would read a blank one as the end
                    continue;
                }
                boolean further = lines.length() > 0;
                lines.add(further && REPLY_KEY.matcher(line).find() ? QUOTE + line : line);
            }
            return lines.toString().strip();
        }
    }

    /** {@code ERROR_CODE} / {@code ERROR_DESCRIPTION}; the codes are listed in the spec's Decisions. */
    record Error(int code, String description) implements TcdReply {
        static final int NO_SUCH_ROOM = 1;
        static final int NOT_A_MEMBER = 2;
        static final int INVALID_NAME = 3;
        static final int NAME_RESERVED = 4;
        static final int TOO_LONG = 5;
        static final int KILL_DISABLED = 6;
        /** Ours, beyond the spec: the store could not take the request; the client may retry. */
        static final int SERVER_ERROR = 7;
        /** Ours, beyond the spec: requests kept piling up past the rate limit; the connection is closed. */
        static final int FLOODING = 8;
        /** Ours, beyond the spec: a MESSAGE of more lines than the server relays; nothing was sent. */
        static final int TOO_MANY_LINES = 12;
        // 9, 10, 11 and 15 are the connection errors of TcdSettings.CONNECTION_ERRORS.
        /** Ours, beyond the spec: a known verb's request ended before one of its fields. */
        static final int MISSING_FIELD = 13;
        /** Ours, beyond the spec: the join would create a room, and a room limit refuses it. */
        static final int ROOM_LIMIT = 14;

        @Override
        public String wire() {
            return "ERROR_CODE: " + code + "\nERROR_DESCRIPTION: " + description + "\n";
        }
    }
}
