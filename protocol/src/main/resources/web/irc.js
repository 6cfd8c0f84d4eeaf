// Parley's web client: the IRC side, with no DOM. One IrcConnection is one login: it opens the
// WebSocket (IRCv3 WebSocket, text.ircv3.net), negotiates capabilities, logs in (SASL PLAIN or a
// guest nick), keeps what the server said about capabilities, ISUPPORT and batches, reconnects
// with backoff, and hands the page plain events. Nothing here touches HTML.

/** Capabilities the client asks for when the server offers them; each is optional. */
export const WANTED_CAPS = [
  "server-time", "message-tags", "batch", "echo-message", "away-notify", "multi-prefix",
  "userhost-in-names", "extended-join", "account-tag", "cap-notify",
  "draft/chathistory", "chathistory", "draft/account-registration", "sasl",
];

const TAG_UNESCAPES = { ":": ";", s: " ", "\\": "\\", r: "\r", n: "\n" };

/** A tag value as the spec escapes it, read back. */
export function unescapeTag(value) {
  return value.replace(/\\(.?)/g, (_, c) => (c in TAG_UNESCAPES ? TAG_UNESCAPES[c] : c));
}

/**
 * One IRC line read: { tags: {}, source: {nick, user, host, raw} | null, command, params: [] }.
 * Returns null for a line that is not IRC.
 */
export function parseLine(line) {
  let rest = line.replace(/[\r\n]+$/, "");
  const tags = {};
  if (rest.startsWith("@")) {
    const space = rest.indexOf(" ");
    if (space < 0) return null;
    for (const pair of rest.slice(1, space).split(";")) {
      if (!pair) continue;
      const eq = pair.indexOf("=");
      if (eq < 0) tags[pair] = "";
      else tags[pair.slice(0, eq)] = unescapeTag(pair.slice(eq + 1));
    }
    rest = rest.slice(space + 1).replace(/^ +/, "");
  }
  let source = null;
  if (rest.startsWith(":")) {
    const space = rest.indexOf(" ");
    if (space < 0) return null;
    source = parseSource(rest.slice(1, space));
    rest = rest.slice(space + 1).replace(/^ +/, "");
  }
  const params = [];
  while (rest.length > 0) {
    if (rest.startsWith(":")) {
      params.push(rest.slice(1));
      break;
    }
    const space = rest.indexOf(" ");
    if (space < 0) {
      params.push(rest);
      break;
    }
    params.push(rest.slice(0, space));
    rest = rest.slice(space + 1).replace(/^ +/, "");
  }
  if (params.length === 0) return null;
  const command = params.shift().toUpperCase();
  return { tags, source, command, params };
}

/** {nick, user, host, raw} of a `nick!user@host` source. */
export function parseSource(raw) {
  const bang = raw.indexOf("!");
  const at = raw.indexOf("@");
  const nickEnd = bang >= 0 ? bang : at >= 0 ? at : raw.length;
  return {
    raw,
    nick: raw.slice(0, nickEnd),
    user: bang >= 0 ? raw.slice(bang + 1, at > bang ? at : raw.length) : "",
    host: at >= 0 ? raw.slice(at + 1) : "",
  };
}

/** An IRC line to send; the last parameter gets a colon when it needs one. Refuses CR, LF and NUL. */
export function buildLine(command, ...params) {
  const parts = [command];
  params.forEach((p, i) => {
    const text = String(p);
    if (/[\r\n\0]/.test(text)) throw new Error("a parameter may not hold CR, LF or NUL");
    const last = i === params.length - 1;
    if (last && (text === "" || text.includes(" ") || text.startsWith(":"))) parts.push(":" + text);
    else if (text === "" || text.includes(" ")) throw new Error("only the last parameter may hold spaces");
    else parts.push(text);
  });
  return parts.join(" ");
}

/** IRC formatting (bold, colours, italics, ...) removed: the page shows plain text. */
export function stripFormatting(text) {
  return text.replace(/\x03(\d{1,2}(,\d{1,2})?)?|\x04([0-9a-fA-F]{6}(,[0-9a-fA-F]{6})?)?|[\x02\x0f\x11\x16\x1d\x1e\x1f]/g, "");
}

/** Base64 of a string's UTF-8 bytes. */
export function base64Utf8(text) {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The AUTHENTICATE payloads of a SASL PLAIN login: chunks of 400, "+" when the last is full. */
export function saslPlainChunks(account, password) {
  const payload = base64Utf8("\0" + account + "\0" + password);
  const chunks = [];
  for (let i = 0; i < payload.length; i += 400) chunks.push(payload.slice(i, i + 400));
  if (payload.length % 400 === 0) chunks.push("+");
  return chunks;
}

/** ASCII case folding (the server says CASEMAPPING=ascii; rfc1459 clients are told otherwise). */
export function foldCase(name, mapping = "ascii") {
  let folded = name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (mapping === "rfc1459") folded = folded.replace(/[[\]\\~]/g, (c) => ({ "[": "{", "]": "}", "\\": "|", "~": "^" })[c]);
  return folded;
}

/** The delay before reconnect attempt `attempt` (0-based): 1, 2, 4 ... 30 s, with a little jitter. */
export function backoffMs(attempt, random = Math.random) {
  const base = Math.min(30000, 1000 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * One login's connection, reconnecting until closed. Events (EventTarget, CustomEvent.detail):
 * - "state": {state: "connecting"|"registering"|"connected"|"waiting"|"closed", retryAt?, attempt?, reason?}
 * - "registered": {nick, account, caps, isupport, reconnect}
 * - "message": a chat line, see #chatEvent
 * - "history": {target, kind, messages, request}: a chathistory batch ended
 * - "line": every parsed line not in a batch (members, topics, lists, errors are read from it)
 * - "fatal": {reason}: the login itself was refused (wrong password, nick taken as guest); no retry
 */
export class IrcConnection extends EventTarget {
  /**
   * @param {object} options {url, nick, account: {name, password} | null, register: boolean,
   *   WebSocketClass?: for tests}
   */
  constructor(options) {
    super();
    this.options = options;
    this.nick = options.nick;
    this.socket = null;
    this.caps = new Set();
    this.offered = new Map();
    this.isupport = new Map();
    this.batches = new Map();
    this.historyRequests = [];
    this.attempt = 0;
    this.closedByUser = false;
    this.registeredOnce = false;
    this.retryTimer = null;
    this.state = "closed";
  }

  /** Opens the connection (again, after a close, with a fresh attempt count). */
  start() {
    this.closedByUser = false;
    this.#open();
  }

  /** Ends it for good: QUIT, and no reconnect. */
  close(reason = "Leaving") {
    this.closedByUser = true;
    clearTimeout(this.retryTimer);
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      try { this.send("QUIT", reason); } catch (e) { /* closing anyway */ }
    }
    if (this.socket) this.socket.close();
    this.#setState("closed", { reason });
  }

  /** Reconnects at once, when waiting for the next attempt (the "retry now" button, the browser coming online). */
  retryNow() {
    if (this.state === "waiting") {
      clearTimeout(this.retryTimer);
      this.#open();
    }
  }

  /** Sends one command; the last parameter may hold spaces. */
  send(command, ...params) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(buildLine(command, ...params));
    return true;
  }

  get connected() {
    return this.state === "connected";
  }

  /** Whether the server keeps history we can ask for. */
  get hasHistory() {
    return (this.caps.has("draft/chathistory") || this.caps.has("chathistory")) && this.caps.has("batch");
  }

  /** The most messages one CHATHISTORY reply holds (ISUPPORT CHATHISTORY), at most 100 asked for. */
  get historyLimit() {
    const limit = parseInt(this.isupport.get("CHATHISTORY") || this.isupport.get("DRAFT/CHATHISTORY") || "0", 10);
    return limit > 0 ? Math.min(limit, 100) : 100;
  }

  /** Whether msgid references can be used (the server tags messages with msgid). */
  get hasMsgids() {
    return this.caps.has("message-tags");
  }

  fold(name) {
    return foldCase(name, (this.isupport.get("CASEMAPPING") || "ascii").toLowerCase());
  }

  isChannel(target) {
    const types = this.isupport.get("CHANTYPES") || "#&";
    return target.length > 0 && types.includes(target[0]);
  }

  /**
   * Asks for history: subcommand LATEST|BEFORE|AFTER, a reference (msgid or timestamp, or "*")
   * and a limit. The answer comes as a "history" event carrying `request` back.
   */
  requestHistory(subcommand, target, reference, limit = this.historyLimit) {
    if (!this.hasHistory || !this.connected) return false;
    const request = { subcommand, target, reference, limit };
    this.historyRequests.push(request);
    this.send("CHATHISTORY", subcommand, target, reference, String(limit));
    return true;
  }

  /** A reference to a known message: msgid when the server gives them, else its timestamp. */
  reference(message) {
    if (message.msgid && this.hasMsgids) return "msgid=" + message.msgid;
    return "timestamp=" + new Date(message.time).toISOString();
  }

  #setState(state, extra = {}) {
    this.state = state;
    this.dispatchEvent(new CustomEvent("state", { detail: { state, ...extra } }));
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #open() {
    const Socket = this.options.WebSocketClass || WebSocket;
    this.caps = new Set();
    this.offered = new Map();
    this.batches = new Map();
    this.historyRequests = [];
    this.saslChunks = null;
    this.registered = false;
    this.nick = this.options.nick;
    this.nickTries = 0;
    this.capsDone = false;
    this.fatal = false;
    this.#setState("connecting", { attempt: this.attempt });
    let socket;
    try {
      socket = new Socket(this.options.url, ["text.ircv3.net"]);
    } catch (e) {
      this.#scheduleRetry(String(e));
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.#setState("registering");
      this.send("CAP", "LS", "302");
      if (!this.options.account) {
        this.send("NICK", this.nick);
        this.send("USER", "web", "0", "*", "Parley web client");
      }
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      const text = typeof event.data === "string" ? event.data : "";
      for (const line of text.split(/\r?\n/)) {
        if (line) this.#receive(line);
      }
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.closedByUser || this.fatal) return;
      this.#scheduleRetry(event.reason || "the connection closed");
    };
  }

  #scheduleRetry(reason) {
    const delay = backoffMs(this.attempt);
    this.attempt++;
    this.#setState("waiting", { retryAt: Date.now() + delay, attempt: this.attempt, reason });
    this.retryTimer = setTimeout(() => this.#open(), delay);
  }

  #fail(reason) {
    this.fatal = true;
    this.#setState("closed", { reason });
    this.#emit("fatal", { reason });
    if (this.socket) this.socket.close();
  }

  #receive(line) {
    const msg = parseLine(line);
    if (!msg) return;
    if (msg.command === "PING") {
      this.send("PONG", ...msg.params);
      return;
    }
    const ref = msg.tags.batch;
    if (ref && this.batches.has(ref)) {
      this.batches.get(ref).lines.push(msg);
      return;
    }
    switch (msg.command) {
      case "CAP": return this.#cap(msg);
      case "AUTHENTICATE": return this.#authenticate(msg);
      case "BATCH": return this.#batch(msg);
      case "001": this.#welcome(msg); break;
      case "376": case "422":
        this.#emit("line", msg);
        this.markReady();
        return;
      case "005": return this.#isupport(msg);
      case "433": case "432": case "437":
        if (!this.registered) return this.#nickRefused(msg);
        break;
      case "900":
        this.account = msg.params[2];
        break;
      case "903":
        this.send("CAP", "END");
        break;
      case "902": case "904": case "905": case "906": case "908":
        if (msg.command !== "908") this.#fail("Login failed: " + (msg.params[msg.params.length - 1] || "wrong account or password"));
        return;
      case "REGISTER":
        return this.#registered(msg);
      case "FAIL":
        if (msg.params[0] === "REGISTER" || msg.params[0] === "AUTHENTICATE") {
          return this.#fail(msg.params[msg.params.length - 1]);
        }
        if (msg.params[0] === "CHATHISTORY") this.#historyFailed(msg);
        break;
      case "ERROR":
        this.lastError = msg.params[0];
        break;
      case "NICK":
        if (msg.source && this.fold(msg.source.nick) === this.fold(this.nick)) this.nick = msg.params[0];
        break;
      case "PRIVMSG": case "NOTICE": {
        const chat = this.#chatEvent(msg);
        if (chat) this.#emit("message", chat);
        return;
      }
    }
    this.#emit("line", msg);
  }

  #cap(msg) {
    const sub = (msg.params[1] || "").toUpperCase();
    const more = msg.params[2] === "*";
    const list = (more ? msg.params[3] : msg.params[2]) || "";
    if (sub === "LS" || sub === "NEW") {
      for (const item of list.split(" ").filter(Boolean)) {
        const eq = item.indexOf("=");
        this.offered.set(eq < 0 ? item : item.slice(0, eq), eq < 0 ? "" : item.slice(eq + 1));
      }
      if (more) return;
      const wanted = WANTED_CAPS.filter((c) => this.offered.has(c) && !this.caps.has(c)
        && (c !== "sasl" || this.options.account));
      if (wanted.length > 0) this.send("CAP", "REQ", wanted.join(" "));
      else if (sub === "LS") this.#afterCaps();
    } else if (sub === "ACK") {
      for (const cap of list.split(" ").filter(Boolean)) {
        if (cap.startsWith("-")) this.caps.delete(cap.slice(1));
        else this.caps.add(cap);
      }
      if (!this.registered) this.#afterCaps();
    } else if (sub === "NAK") {
      if (!this.registered) this.#afterCaps();
    } else if (sub === "DEL") {
      for (const cap of list.split(" ").filter(Boolean)) this.caps.delete(cap);
    }
  }

  /** Capabilities settled: log in (register an account first when asked), else end CAP. */
  #afterCaps() {
    if (this.capsDone) return;
    this.capsDone = true;
    const account = this.options.account;
    if (!account) {
      this.send("CAP", "END");
      return;
    }
    if (this.options.register && !this.registeredAccount) {
      if (!this.offered.has("draft/account-registration")) {
        this.#fail("This server does not take account registrations over IRC");
        return;
      }
      this.send("NICK", account.name);
      this.send("USER", "web", "0", "*", "Parley web client");
      this.send("REGISTER", account.name, "*", account.password);
      return;
    }
    if (!this.caps.has("sasl")) {
      this.#fail("This server does not offer account login (SASL)");
      return;
    }
    this.nick = account.name;
    this.send("NICK", account.name);
    this.send("USER", "web", "0", "*", "Parley web client");
    this.saslChunks = saslPlainChunks(account.name, account.password);
    this.send("AUTHENTICATE", "PLAIN");
  }

  #registered(msg) {
    if (msg.params[0] === "SUCCESS") {
      this.registeredAccount = true;
      this.options.register = false;
      this.account = msg.params[1];
      this.send("CAP", "END"); // registration logs the connection in (draft/account-registration)
    } else if (msg.params[0] === "VERIFICATION_REQUIRED") {
      this.#fail("The server wants the account verified before use");
    }
  }

  #authenticate(msg) {
    if (msg.params[0] !== "+" || !this.saslChunks) return;
    for (const chunk of this.saslChunks) this.send("AUTHENTICATE", chunk);
    this.saslChunks = null;
  }

  #nickRefused(msg) {
    if (this.options.account) {
      this.#fail("The name " + this.options.account.name + " is in use: " + (msg.params[msg.params.length - 1] || ""));
      return;
    }
    // After a reload or a dropped connection our old session may still hold the nick for a moment.
    if (msg.command === "432" || (!this.registeredOnce && !this.options.resume) || this.nickTries >= 5) {
      this.#fail("The nick " + this.nick + " is taken or not allowed: " + (msg.params[msg.params.length - 1] || "try another"));
      return;
    }
    this.nickTries++;
    this.nick = this.options.nick + "_".repeat(this.nickTries);
    this.send("NICK", this.nick);
  }

  #welcome(msg) {
    this.registered = true;
    this.nick = msg.params[0];
  }

  #isupport(msg) {
    for (const token of msg.params.slice(1, -1)) {
      const eq = token.indexOf("=");
      const key = (eq < 0 ? token : token.slice(0, eq)).toUpperCase();
      if (key.startsWith("-")) this.isupport.delete(key.slice(1));
      else this.isupport.set(key, eq < 0 ? "" : token.slice(eq + 1).replace(/\\x([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))));
    }
    // 005 ends before the MOTD; the MOTD's end is the moment the page may act.
  }

  /** The end of the MOTD (376/422): registration is complete. */
  markReady() {
    if (this.state === "connected") return;
    const reconnect = this.registeredOnce;
    this.registeredOnce = true;
    this.attempt = 0;
    this.#setState("connected");
    this.#emit("registered", { nick: this.nick, account: this.account || null, caps: this.caps, reconnect });
  }

  #batch(msg) {
    const head = msg.params[0] || "";
    const ref = head.slice(1);
    if (head.startsWith("+")) {
      this.batches.set(ref, { type: msg.params[1], params: msg.params.slice(2), lines: [], tags: msg.tags });
      return;
    }
    const batch = this.batches.get(ref);
    this.batches.delete(ref);
    if (!batch) return;
    const outer = batch.tags.batch && this.batches.get(batch.tags.batch);
    if (outer) {
      outer.lines.push(...batch.lines);
      return;
    }
    if (batch.type === "chathistory" || batch.type === "draft/chathistory") {
      const target = batch.params[0] || "";
      const request = this.#takeRequest(target);
      const messages = batch.lines.map((line) => this.#chatEvent(line, true)).filter(Boolean);
      this.#emit("history", { target, messages, request });
    } else if (batch.type === "draft/chathistory-targets" || batch.type === "chathistory-targets") {
      this.#emit("history-targets", { targets: batch.lines.map((l) => ({ target: l.params[1], time: l.params[2] })) });
    } else {
      // Another kind of batch (netsplit, labeled-response): its lines as if unbatched.
      for (const line of batch.lines) this.#receive(rawAgain(line));
    }
  }

  #takeRequest(target) {
    const i = this.historyRequests.findIndex((r) => this.fold(r.target) === this.fold(target));
    return i < 0 ? null : this.historyRequests.splice(i, 1)[0];
  }

  #historyFailed(msg) {
    const target = msg.params[3] || msg.params[2] || "";
    const request = this.#takeRequest(target);
    this.#emit("history", { target, messages: [], request, failed: msg.params[msg.params.length - 1] });
  }

  /**
   * A PRIVMSG or NOTICE as the page shows it: {target (the buffer: a channel, or the other
   * person of a private talk), from, text, action, notice, time (ms), msgid, self, history}.
   */
  #chatEvent(msg, history = false) {
    if (msg.command !== "PRIVMSG" && msg.command !== "NOTICE") return null;
    const to = msg.params[0] || "";
    let text = msg.params[1] ?? "";
    const from = msg.source ? msg.source.nick : "";
    const server = !msg.source || !msg.source.raw.includes("!") && msg.source.raw.includes(".");
    let action = false;
    if (text.startsWith("\x01")) {
      const body = text.replace(/^\x01|\x01$/g, "");
      if (body.startsWith("ACTION ")) {
        action = true;
        text = body.slice(7);
      } else if (body === "ACTION") {
        action = true;
        text = "";
      } else {
        return null; // other CTCP: not chat
      }
    }
    const self = from !== "" && this.fold(from) === this.fold(this.nick);
    const isChannel = this.isChannel(to.replace(/^[~&@%+]+/, ""));
    const target = isChannel ? to.replace(/^[~&@%+]+/, "") : server ? "" : self ? to : from;
    const parsed = msg.tags.time ? Date.parse(msg.tags.time) : NaN;
    return {
      target, from, text: stripFormatting(text), action, notice: msg.command === "NOTICE",
      time: Number.isNaN(parsed) ? Date.now() : parsed, hasServerTime: !Number.isNaN(parsed),
      msgid: msg.tags.msgid || msg.tags["draft/msgid"] || null, account: msg.tags.account || null,
      self, history, server, isChannel,
    };
  }
}

/** A parsed line written back, to go through #receive again (tags dropped but the time and msgid). */
function rawAgain(msg) {
  const tags = Object.entries(msg.tags).filter(([k]) => k === "time" || k === "msgid")
    .map(([k, v]) => k + "=" + v.replace(/\\/g, "\\\\").replace(/;/g, "\\:").replace(/ /g, "\\s"));
  const head = (tags.length ? "@" + tags.join(";") + " " : "") + (msg.source ? ":" + msg.source.raw + " " : "");
  const params = msg.params.map((p, i) => (i === msg.params.length - 1 && (p === "" || p.includes(" ") || p.startsWith(":")) ? ":" + p : p));
  return head + [msg.command, ...params].join(" ");
}
