package io.parley.protocol.tcd;

import io.parley.protocol.Text;
import java.util.StringJoiner;

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
     * A room message: the relay form, also used for join and leave announcements. It is always
     * the spec's four lines: a text of many lines (a multi-line MESSAGE) is shown on one, its
     * lines joined by {@link #LINE_BREAK} and its empty lines dropped, and it holds no CR or NUL.
     * So no text can end a relay early or carry a whole relay of its own (a fake {@code CHAT}
     * block under another name), whether the client reads up to the empty line or a fixed four
     * lines per relay.
     */
    record Chat(int roomRef, String clientName, String message) implements TcdReply {
        /** Stands for a line break inside a relayed text: U+23CE RETURN SYMBOL between spaces. */
        static final String LINE_BREAK = " \u23CE ";

        @Override
        public String wire() {
            return "CHAT: " + roomRef + "\nCLIENT_NAME: " + clientName + "\nMESSAGE: " + safe(message) + "\n\n";
        }

        private static String safe(String text) {
            StringJoiner lines = new StringJoiner(LINE_BREAK);
            for (String line : Text.lines(text)) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
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
        // 9, 10 and 11 are the connection errors of TcdSettings.CONNECTION_ERRORS.
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
