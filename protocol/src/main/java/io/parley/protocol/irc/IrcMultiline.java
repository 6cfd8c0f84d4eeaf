package io.parley.protocol.irc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IRCv3 {@code draft/multiline} (docs/irc.md), for one connection: collects a client's
 * {@code BATCH +ref draft/multiline <target>} ... {@code BATCH -ref} into one message, checked
 * against {@link #MAX_BYTES} and {@link #MAX_LINES}, refusing a bad batch with
 * {@code FAIL BATCH MULTILINE_*}; and renders such a message for a member, as the batch (to a
 * client with {@code draft/multiline} and {@code batch}) or as its non-blank lines. The message is
 * stored as one room message, its combined text (lines joined by a line feed, a
 * {@code draft/multiline-concat} line joined directly); the way the client cut it into lines
 * travels beside it to IRC members ({@link IrcClientTags.Relay#layout}).
 *
 * <p>Event-loop only; one per connection (the rendering is stateless).
 */
final class IrcMultiline {

    static final String CAPABILITY = "draft/multiline";
    static final String BATCH_TYPE = "draft/multiline";
    static final String CONCAT = "draft/multiline-concat";
    static final int MAX_BYTES = 4096;
    static final int MAX_LINES = 32;

    /** One line of a multiline message as the client sent it (Parley text), and whether it continues the previous one. */
    record Line(String text, boolean concat) {}

    /** A complete batch: its target, its lines and the client-only tags of its {@code BATCH} line. */
    record Message(String target, List<Line> lines, Map<String, String> clientTags, String label) {

        /** The combined message value (the spec's), as Parley stores it. */
        String combined() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0 && !lines.get(i).concat()) {
                    text.append('\n');
                }
                text.append(lines.get(i).text());
            }
            return text.toString();
        }
    }

    private String reference;
    private String target;
    private List<Line> lines;
    private int bytes;
    private Map<String, String> clientTags;
    private String label;
    /** The open batch was refused: its further lines are dropped until it ends. */
    private boolean refused;

    static void offer(Map<String, String> caps) {
        caps.put(CAPABILITY, "max-bytes=" + MAX_BYTES + ",max-lines=" + MAX_LINES);
    }

    /** Whether {@code message} belongs to a multiline batch: its start, while one is open, or a line naming one. */
    boolean takes(IrcMessage message) {
        if (reference != null) {
            return message.command().equals("BATCH") || message.tags().containsKey(IrcBatches.TAG);
        }
        return message.command().equals("BATCH") && message.param(0) != null && message.param(0).startsWith("+")
                && BATCH_TYPE.equals(message.param(1));
    }

    /**
     * Takes one line of a batch; a refusal goes to {@code out}. Returns the message once its batch
     * has ended well, else null. {@code label} is the label of the line (labeled-response), kept
     * from the batch's start for its message.
     */
    Message accept(IrcMessage message, IrcSession session, String label, List<Object> out, IrcReplies replies) {
        String command = message.command();
        if (command.equals("BATCH") && message.param(0) != null && message.param(0).startsWith("+")) {
            if (reference != null) {
                fail(out, replies, "MULTILINE_INVALID", "A multiline batch is already open");
                return null;
            }
            if (message.param(2) == null || !session.has(CAPABILITY) || !session.has(IrcCapabilities.BATCH)) {
                out.add(replies.standardReply(IrcNumerics.FAIL, "BATCH", "MULTILINE_INVALID",
                        message.param(2) == null ? "Missing multiline target" : "Enable draft/multiline and batch first"));
                return null;
            }
            reference = message.param(0).substring(1);
            target = message.param(2);
            lines = new ArrayList<>();
            bytes = 0;
            clientTags = IrcClientTags.clientOnly(message.tags());
            this.label = label;
            refused = false;
            return null;
        }
        if (command.equals("BATCH")) {
            if (reference == null || message.param(0) == null || !message.param(0).equals("-" + reference)) {
                fail(out, replies, "MULTILINE_INVALID", "Unknown batch");
                return null;
            }
            Message done = refused ? null : finish(out, replies);
            reference = null;
            lines = null;
            return done;
        }
        if (refused) {
            return null;
        }
        if (reference == null || !reference.equals(message.tags().get(IrcBatches.TAG))) {
            fail(out, replies, "MULTILINE_INVALID", "Unexpected batch reference");
            return null;
        }
        if (!command.equals("PRIVMSG") || message.param(1) == null) {
            fail(out, replies, "MULTILINE_INVALID", "A multiline batch holds PRIVMSG lines only");
            return null;
        }
        if (!IrcCasemapping.same(message.param(0), target)) {
            out.add(replies.standardReply(IrcNumerics.FAIL, "BATCH", "MULTILINE_INVALID_TARGET",
                    "Invalid multiline target", target, message.param(0)));
            refused = true;
            return null;
        }
        boolean concat = message.tags().containsKey(CONCAT);
        String text = message.param(1);
        if (concat && text.isEmpty()) {
            fail(out, replies, "MULTILINE_INVALID", "A blank line cannot be concatenated");
            return null;
        }
        bytes += IrcLimits.utf8Length(text) + (lines.isEmpty() || concat ? 0 : 1);
        lines.add(new Line(IrcTexts.toParley(text), concat));
        if (lines.size() > MAX_LINES) {
            refuse(out, replies, "MULTILINE_MAX_LINES", MAX_LINES, "Multiline batch max-lines exceeded");
        } else if (bytes > MAX_BYTES) {
            refuse(out, replies, "MULTILINE_MAX_BYTES", MAX_BYTES, "Multiline batch max-bytes exceeded");
        }
        return null;
    }

    private Message finish(List<Object> out, IrcReplies replies) {
        if (lines.stream().allMatch(line -> line.text().isBlank())) {
            out.add(replies.standardReply(IrcNumerics.FAIL, "BATCH", "MULTILINE_INVALID", "Empty multiline batch"));
            return null;
        }
        return new Message(target, List.copyOf(lines), clientTags, label);
    }

    private void refuse(List<Object> out, IrcReplies replies, String code, int limit, String description) {
        out.add(replies.standardReply(IrcNumerics.FAIL, "BATCH", code, description, Integer.toString(limit)));
        refused = true;
    }

    private void fail(List<Object> out, IrcReplies replies, String code, String description) {
        out.add(replies.standardReply(IrcNumerics.FAIL, "BATCH", code, description));
        if (reference != null) {
            refused = true;
        }
    }

    // ---- rendering ----

    /**
     * {@code layout} as a member sees it: with {@code asBatch}, {@code BATCH +ref draft/multiline
     * <channel>} carrying {@code firstTags}, every line (blank ones too) tagged with the batch and
     * {@code draft/multiline-concat} where the client put it, {@code BATCH -ref}; else the
     * non-blank lines, the first with {@code firstTags} and the rest with {@code otherTags}. A line
     * too long for one IRC line is cut into pieces, which continue it. The caller adds time,
     * msgid (to the first only) and account.
     */
    static List<IrcMessage> render(String source, String channel, List<Line> layout, String msgid, boolean asBatch,
            Map<String, String> firstTags, Map<String, String> otherTags) {
        List<IrcMessage> out = new ArrayList<>();
        int max = IrcLimits.maxTextBytes(source, "PRIVMSG", channel);
        String reference = "ml" + msgid;
        if (asBatch) {
            out.add(new IrcMessage(firstTags, source, "BATCH", List.of("+" + reference, BATCH_TYPE, channel)));
        }
        for (Line line : layout) {
            boolean action = line.text().startsWith(IrcEventEncoder.ACTION_PREFIX);
            String text = action ? line.text().substring(IrcEventEncoder.ACTION_PREFIX.length()) : line.text();
            if (text.isEmpty() && !action) {
                if (asBatch && !line.concat()) {
                    out.add(new IrcMessage(Map.of(IrcBatches.TAG, reference), source, "PRIVMSG", List.of(channel, "")));
                }
                continue;
            }
            List<String> pieces = IrcLimits.split(text, action ? max - "\u0001ACTION \u0001".length() : max);
            for (int i = 0; i < pieces.size(); i++) {
                String body = action ? "\u0001ACTION " + pieces.get(i) + "\u0001" : pieces.get(i);
                Map<String, String> tags;
                if (asBatch) {
                    tags = new LinkedHashMap<>();
                    tags.put(IrcBatches.TAG, reference);
                    if (line.concat() || i > 0) {
                        tags.put(CONCAT, "");
                    }
                } else {
                    tags = out.isEmpty() ? firstTags : otherTags;
                }
                out.add(new IrcMessage(tags, source, "PRIVMSG", List.of(channel, body)));
            }
        }
        if (asBatch) {
            out.add(IrcMessage.from(source, "BATCH", "-" + reference));
        }
        return out;
    }
}
