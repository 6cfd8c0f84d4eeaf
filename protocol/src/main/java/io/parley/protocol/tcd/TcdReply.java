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
     * A room message: the relay form, also used for join and leave announcements. The text may
     * span lines (as a multi-line MESSAGE does) but never holds an empty line, which would end the
     * message early, nor a CR or NUL: text from other protocols cannot forge TCD messages.
     */
    record Chat(int roomRef, String clientName, String message) implements TcdReply {
        @Override
        public String wire() {
            return "CHAT: " + roomRef + "\nCLIENT_NAME: " + clientName + "\nMESSAGE: " + safe(message) + "\n\n";
        }

        private static String safe(String text) {
            StringJoiner lines = new StringJoiner("\n");
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
        // 9, 10 and 11 are the connection errors of TcdSettings.CONNECTION_ERRORS; 12 is the
        // message-lines cap (TOO_MANY_LINES), which the output change adds.
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
