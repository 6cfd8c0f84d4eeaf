package io.parley.server;

/**
 * The TCD protocol's exact bytes (spec: shared/specs/tcd.md), so that tests read like the
 * transcript they replay.
 */
final class TcdMessages {

    private TcdMessages() {}

    static String join(String room, String name) {
        return "JOIN_CHATROOM: " + room + "\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: " + name + "\n";
    }

    static String leave(int ref, Object joinId, String name) {
        return "LEAVE_CHATROOM: " + ref + "\nJOIN_ID: " + joinId + "\nCLIENT_NAME: " + name + "\n";
    }

    static String chat(Object ref, Object joinId, String name, String text) {
        return "CHAT: " + ref + "\nJOIN_ID: " + joinId + "\nCLIENT_NAME: " + name + "\nMESSAGE: " + text + "\n\n";
    }

    static String disconnect(String name) {
        return "DISCONNECT: 0\nPORT: 0\nCLIENT_NAME: " + name + "\n";
    }

    static String helo(String text, int port) {
        return "HELO " + text + "\nIP:127.0.0.1\nPort:" + port + "\nStudentID:parley\n";
    }

    static String left(Object ref, Object joinId) {
        return "LEFT_CHATROOM: " + ref + "\nJOIN_ID: " + joinId + "\n";
    }

    /** A message of a room as every member receives it. */
    static String relay(int ref, String name, String text) {
        return "CHAT: " + ref + "\nCLIENT_NAME: " + name + "\nMESSAGE: " + text + "\n\n";
    }

    static String joinedAnnouncement(int ref, String name) {
        return relay(ref, name, name + " has joined this chatroom.");
    }

    static String leftAnnouncement(int ref, String name) {
        return relay(ref, name, name + " has left this chatroom.");
    }

    static String error(int code, String description) {
        return "ERROR_CODE: " + code + "\nERROR_DESCRIPTION: " + description + "\n";
    }
}
