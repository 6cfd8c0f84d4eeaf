package io.parley.protocol.tcd;

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
     * span lines (as a multi-line MESSAGE does) but never holds an empty line, which would end the
     * message early, nor a CR or NUL: text from other protocols cannot forge TCD messages.
     */
    record Chat(int roomRef, String clientName, String message) implements TcdReply {
        @Override
        public String wire() {
            return "CHAT: " + roomRef + "\nCLIENT_NAME: " + clientName + "\nMESSAGE: " + safe(message) + "\n\n";
        }

        /** Runs of line feeds; compiled once, as this runs once per relayed message per event loop. */
        private static final Pattern BLANK_LINES = Pattern.compile("\n{2,}");

        private static String safe(String text) {
            String cleaned = text.replace("\r", "").replace("\0", "");
            if (cleaned.contains("\n\n")) {
                cleaned = BLANK_LINES.matcher(cleaned).replaceAll("\n");
            }
            return cleaned.strip();
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

        @Override
        public String wire() {
            return "ERROR_CODE: " + code + "\nERROR_DESCRIPTION: " + description + "\n";
        }
    }
}
