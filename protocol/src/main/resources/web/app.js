// Parley's web client: the page. It keeps the conversations (buffers), shows them, and turns what
// the person does into IRC commands through IrcConnection (irc.js). User text reaches the page
// only through textContent and the safe links of render.js.
import { IrcConnection, foldCase, parseSource } from "./irc.js";
import { dayKey, dayNode, mentions, messageNode } from "./render.js";

const $ = (id) => document.getElementById(id);
const SESSION_KEY = "parley.session";
/** The most lines of a private conversation the tab keeps for a reload (the server keeps none). */
const PRIVATE_KEPT = 500;
const SERVER = "";
const socketUrl = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/socket";

/** Everything the page knows; buffers by folded name. */
const state = {
  conn: null,
  nick: "",
  login: null,
  buffers: new Map(),
  order: [],
  active: SERVER,
  pendingNames: new Map(),
  roomList: null,
  unreadTitle: 0,
};

// ---------------------------------------------------------------------------------------- buffers

function fold(name) {
  return state.conn ? state.conn.fold(name) : name.toLowerCase();
}

function isChannel(name) {
  return state.conn ? state.conn.isChannel(name) : name.startsWith("#");
}

function buffer(name, create = true) {
  const key = fold(name);
  let found = state.buffers.get(key);
  if (!found && create) {
    found = {
      name, key, kind: name === SERVER ? "server" : isChannel(name) ? "channel" : "query",
      entries: [], ids: new Set(), unread: 0, mentions: 0, members: new Map(), joined: false,
      topic: "", atStart: false, loadingOlder: false, fetchingGap: false,
    };
    state.buffers.set(key, found);
    state.order.push(key);
    renderBufferList();
    save();
  }
  return found;
}

function activeBuffer() {
  return state.buffers.get(state.active) || buffer(SERVER);
}

function removeBuffer(key) {
  if (key === SERVER) return;
  state.buffers.delete(key);
  state.order = state.order.filter((k) => k !== key);
  if (state.active === key) switchTo(state.order.find((k) => k !== SERVER) ?? SERVER);
  renderBufferList();
  save();
}

/**
 * Adds an entry in time order; a message whose msgid is known already is dropped (history and
 * live copies meet here). Returns whether it was added.
 */
function addEntry(buf, entry, older = false) {
  if (entry.msgid) {
    if (buf.ids.has(entry.msgid)) return false;
    buf.ids.add(entry.msgid);
  }
  // Times have millisecond precision, so neighbours may share one: an older page's message goes
  // before those of its own time, a newer one after them.
  let i = buf.entries.length;
  while (i > 0 && (buf.entries[i - 1].time > entry.time || (older && buf.entries[i - 1].time === entry.time))) i--;
  buf.entries.splice(i, 0, entry);
  if (buf.kind === "query" && entry.kind === "chat") save();
  if (fold(buf.name) === state.active) {
    if (i === buf.entries.length - 1) appendToView(entry, buf.entries[i - 1]);
    else renderMessages(true);
  }
  return true;
}

function chatEntry(message) {
  return {
    kind: "chat", from: message.from, text: message.text, action: message.action, notice: message.notice,
    time: message.time, msgid: message.msgid, self: message.self,
    mention: !message.self && message.from !== "" && mentions(message.text, state.nick),
  };
}

function status(buf, text, time = Date.now()) {
  addEntry(buf, { kind: "status", from: "", text, time, msgid: null, self: false, mention: false });
}

/** A live (or gap-filled) message that the person has not seen yet. */
function noteUnseen(buf, entry, live) {
  if (entry.self || entry.kind !== "chat") return;
  const visible = fold(buf.name) === state.active && !document.hidden;
  if (!visible) {
    buf.unread++;
    if (entry.mention || buf.kind === "query") buf.mentions++;
    renderBufferList();
    updateTitle();
  }
  if (live && (entry.mention || buf.kind === "query") && (document.hidden || !visible)) notify(buf, entry);
}

function notify(buf, entry) {
  if (!("Notification" in window) || Notification.permission !== "granted" || !document.hidden) return;
  const title = buf.kind === "query" ? entry.from : entry.from + " in " + buf.name;
  const note = new Notification(title, { body: entry.text, tag: "parley-" + buf.key });
  note.onclick = () => {
    window.focus();
    switchTo(buf.key);
    note.close();
  };
}

// ---------------------------------------------------------------------------------------- session

/**
 * The session in the tab's sessionStorage (never a password): who, the open conversations, and
 * the last lines of each private conversation, which IRC servers (Parley among them) do not keep
 * for CHATHISTORY. It goes when the tab closes or the person logs out.
 */
function save() {
  if (!state.login) return;
  const queries = state.order.map((k) => state.buffers.get(k)).filter((b) => b.kind === "query");
  const saved = {
    mode: state.login.mode, nick: state.login.nick,
    buffers: state.order.filter((k) => k !== SERVER).map((k) => state.buffers.get(k).name),
    active: state.buffers.get(state.active)?.name ?? SERVER,
    private: Object.fromEntries(queries.map((b) => [b.name, keptLines(b)])),
  };
  try {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(saved));
  } catch (e) {
    // Over the browser's storage quota (many long private conversations): keep the session
    // without their lines rather than break the page.
    saved.private = {};
    try { sessionStorage.setItem(SESSION_KEY, JSON.stringify(saved)); } catch (again) { /* storage unavailable */ }
  }
}

function keptLines(buf) {
  return buf.entries.filter((e) => e.kind === "chat").slice(-PRIVATE_KEPT).map((e) => ({
    kind: "chat", from: e.from, text: e.text, action: e.action, notice: e.notice, time: e.time,
    msgid: e.msgid, self: e.self, mention: e.mention,
  }));
}

/** Puts back the private conversations' lines a reload or a new login of the same person kept. */
function restorePrivate(kept) {
  for (const [name, lines] of Object.entries(kept || {})) {
    if (!Array.isArray(lines) || isChannel(name)) continue;
    const buf = buffer(name);
    for (const line of lines) {
      if (line && line.kind === "chat" && typeof line.text === "string" && typeof line.time === "number") {
        addEntryQuiet(buf, { ...line, from: String(line.from), msgid: line.msgid || null });
      }
    }
  }
}

function loadSaved() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY) || "null");
  } catch (e) {
    return null;
  }
}

// ---------------------------------------------------------------------------------------- connection

function start(login, savedBuffers = ["#lobby"], activeName = "#lobby", resume = false, kept = {}) {
  state.login = login;
  state.nick = login.nick;
  buffer(SERVER);
  for (const name of savedBuffers) buffer(name);
  restorePrivate(kept);
  $("login").hidden = true;
  $("app").hidden = false;
  switchTo(fold(activeName));
  save();
  $("input").focus();
  const conn = new IrcConnection({
    url: socketUrl, nick: login.nick, resume,
    account: login.mode === "guest" ? null : { name: login.nick, password: login.password },
    register: login.mode === "create-irc",
  });
  state.conn = conn;
  conn.addEventListener("state", (e) => showConnection(e.detail));
  conn.addEventListener("registered", (e) => onRegistered(e.detail));
  conn.addEventListener("message", (e) => onMessage(e.detail));
  conn.addEventListener("history", (e) => onHistory(e.detail));
  conn.addEventListener("line", (e) => onLine(e.detail));
  conn.addEventListener("fatal", (e) => onFatal(e.detail));
  conn.start();
}

function onRegistered({ nick, account, reconnect }) {
  state.nick = nick;
  $("my-nick").textContent = nick + (account ? " (account)" : "");
  if (state.login) state.login.password = state.login.mode === "guest" ? null : state.login.password;
  status(buffer(SERVER), reconnect ? "Reconnected as " + nick : "Connected as " + nick);
  const channels = [];
  for (const key of state.order) {
    const buf = state.buffers.get(key);
    buf.joined = false;
    if (buf.kind === "channel") channels.push(buf.name);
    else if (buf.kind === "query") fetchNewer(buf);
  }
  if (channels.length > 0) state.conn.send("JOIN", channels.join(","));
  if (!state.conn.hasHistory) {
    status(buffer(SERVER), "This server keeps no history for web clients: you see messages from now on.");
  }
}

function onFatal({ reason }) {
  const login = state.login;
  // The saved session stays: the same person logging in again (the right password this time)
  // gets their conversations back.
  stop(false);
  showLogin(login ? login.nick : "", reason);
}

function stop(forget = true) {
  if (state.conn) state.conn.close();
  state.conn = null;
  state.login = null;
  state.buffers.clear();
  state.order = [];
  state.active = SERVER;
  if (forget) sessionStorage.removeItem(SESSION_KEY);
  $("messages").replaceChildren();
  renderBufferList();
  updateTitle();
}

let countdown = null;
function showConnection(detail) {
  const el = $("connection-state");
  el.dataset.state = detail.state;
  clearInterval(countdown);
  $("retry-now").hidden = detail.state !== "waiting";
  const texts = { connecting: "Connecting…", registering: "Logging in…", connected: "Connected", closed: "Disconnected" };
  if (detail.state === "waiting") {
    const tick = () => {
      const seconds = Math.max(0, Math.ceil((detail.retryAt - Date.now()) / 1000));
      el.textContent = "Disconnected: reconnecting in " + seconds + " s";
    };
    tick();
    countdown = setInterval(tick, 1000);
    for (const buf of state.buffers.values()) buf.joined = false;
    renderMembers();
  } else {
    el.textContent = texts[detail.state] || detail.state;
  }
  document.body.dataset.connection = detail.state;
}

// ---------------------------------------------------------------------------------------- history

/** After a (re)join: the messages since the last one we have, page by page, or the latest page. */
function fetchNewer(buf) {
  const conn = state.conn;
  if (!conn.hasHistory) return;
  const last = [...buf.entries].reverse().find((e) => e.kind === "chat" && (e.msgid || !conn.hasMsgids));
  buf.fetchingGap = true;
  if (last) conn.requestHistory("AFTER", buf.name, conn.reference(last));
  else conn.requestHistory("LATEST", buf.name, "*");
}

function fetchOlder(buf) {
  const conn = state.conn;
  if (!conn || !conn.connected || !conn.hasHistory || buf.atStart || buf.loadingOlder || buf.kind === "server") return;
  const first = buf.entries.find((e) => e.kind === "chat");
  if (!first) return;
  buf.loadingOlder = true;
  conn.requestHistory("BEFORE", buf.name, conn.reference(first));
}

function onHistory({ target, messages, request, failed }) {
  const buf = buffer(target, messages.length > 0 || (request && state.buffers.has(fold(target))));
  if (!buf) return;
  const sub = request ? request.subcommand : "LATEST";
  const full = request && messages.length >= request.limit;
  const anchor = keepScrollAnchor(buf, sub === "BEFORE");
  let added = 0;
  const wasRendering = fold(buf.name) === state.active;
  // An older page is added newest first, each before what it precedes.
  const ordered = sub === "BEFORE" ? [...messages].reverse() : messages;
  for (const message of ordered) {
    const entry = chatEntry(message);
    if (addEntryQuiet(buf, entry, sub === "BEFORE")) {
      added++;
      if (sub === "AFTER") noteUnseen(buf, entry, false);
    }
  }
  if (sub === "BEFORE") {
    buf.loadingOlder = false;
    if (!full || failed) buf.atStart = true;
  } else if (sub === "LATEST" && !full) {
    buf.atStart = true;
  }
  if (sub === "AFTER" && full && !failed) {
    // More than a page was missed: ask again after the newest we got, until the gap is closed.
    const last = messages[messages.length - 1];
    state.conn.requestHistory("AFTER", buf.name, state.conn.reference(last));
  } else if (sub !== "BEFORE") {
    buf.fetchingGap = false;
  }
  if (wasRendering && (added > 0 || sub === "BEFORE" || sub === "LATEST")) {
    renderMessages(sub !== "BEFORE");
    anchor();
  }
  if (failed && buf.kind !== "server" && sub !== "BEFORE") status(buf, "History is not available here: " + failed);
}

/** Adds without touching the view (a batch is rendered once at its end). */
function addEntryQuiet(buf, entry, older) {
  const active = state.active;
  state.active = null;
  try {
    return addEntry(buf, entry, older);
  } finally {
    state.active = active;
  }
}

/** For a page of older messages: keeps the message in view where it was. */
function keepScrollAnchor(buf, prepend) {
  const log = $("log");
  if (!prepend || fold(buf.name) !== state.active) return () => {};
  const before = log.scrollHeight - log.scrollTop;
  return () => {
    log.scrollTop = log.scrollHeight - before;
  };
}

// ---------------------------------------------------------------------------------------- events from the server

function onMessage(message) {
  if (message.target === SERVER || message.server) {
    const buf = buffer(SERVER);
    addEntry(buf, { kind: "status", from: "", text: (message.from ? message.from + ": " : "") + message.text,
      time: message.time, msgid: message.msgid, self: false, mention: false });
    return;
  }
  const buf = buffer(message.target);
  const entry = chatEntry(message);
  if (addEntry(buf, entry)) noteUnseen(buf, entry, true);
}

function onLine(msg) {
  const p = msg.params;
  const nick = msg.source ? msg.source.nick : "";
  const me = nick !== "" && fold(nick) === fold(state.nick);
  switch (msg.command) {
    case "JOIN": {
      const buf = buffer(p[0]);
      if (me) {
        buf.joined = true;
        buf.members.clear();
        fetchNewer(buf);
        if (state.active === SERVER || state.pendingSwitch === buf.key) {
          state.pendingSwitch = null;
          switchTo(buf.key);
        }
        state.conn.send("WHO", buf.name); // away flags (H/G); away-notify keeps them current
      } else {
        buf.members.set(fold(nick), { nick, away: false, prefix: "" });
        status(buf, nick + " joined", timeOf(msg));
      }
      renderMembersIf(buf);
      break;
    }
    case "PART": {
      const buf = buffer(p[0], false);
      if (!buf) break;
      if (me) {
        buf.joined = false;
        if (buf.leaving) removeBuffer(buf.key);
      } else {
        buf.members.delete(fold(nick));
        status(buf, nick + " left" + (p[1] ? " (" + p[1] + ")" : ""), timeOf(msg));
      }
      renderMembersIf(buf);
      break;
    }
    case "QUIT":
      for (const buf of state.buffers.values()) {
        if (buf.members.delete(fold(nick))) {
          status(buf, nick + " quit" + (p[0] ? " (" + p[0] + ")" : ""), timeOf(msg));
          renderMembersIf(buf);
        }
      }
      break;
    case "NICK": {
      const to = p[0];
      if (me) {
        state.nick = to;
        $("my-nick").textContent = to;
        state.login.nick = to;
        save();
      }
      for (const buf of state.buffers.values()) {
        const member = buf.members.get(fold(nick));
        if (member) {
          buf.members.delete(fold(nick));
          member.nick = to;
          buf.members.set(fold(to), member);
          status(buf, nick + " is now " + to, timeOf(msg));
          renderMembersIf(buf);
        }
      }
      break;
    }
    case "AWAY":
      for (const buf of state.buffers.values()) {
        const member = buf.members.get(fold(nick));
        if (member) {
          member.away = p.length > 0 && p[0] !== "";
          renderMembersIf(buf);
        }
      }
      break;
    case "TOPIC": {
      const buf = buffer(p[0]);
      buf.topic = p[1] || "";
      status(buf, nick + " set the topic: " + buf.topic, timeOf(msg));
      renderHeader();
      break;
    }
    case "332": {
      const buf = buffer(p[1]);
      buf.topic = p[2] || "";
      renderHeader();
      break;
    }
    case "353": { // NAMES: "= #chan :names"
      const chan = p[2];
      const list = state.pendingNames.get(fold(chan)) || [];
      const prefixes = prefixChars();
      for (const word of (p[3] || "").split(" ").filter(Boolean)) {
        let i = 0;
        while (i < word.length && prefixes.includes(word[i])) i++;
        const who = parseSource(word.slice(i));
        list.push({ nick: who.nick, away: false, prefix: word.slice(0, i) });
      }
      state.pendingNames.set(fold(chan), list);
      break;
    }
    case "366": {
      const buf = buffer(p[1], false);
      const list = state.pendingNames.get(fold(p[1])) || [];
      state.pendingNames.delete(fold(p[1]));
      if (!buf) break;
      const old = buf.members;
      buf.members = new Map(list.map((m) => [fold(m.nick), { ...m, away: old.get(fold(m.nick))?.away || false }]));
      renderMembersIf(buf);
      break;
    }
    case "352": { // WHO: me #chan user host server nick flags :hops realname
      const buf = buffer(p[1], false);
      const member = buf && buf.members.get(fold(p[5]));
      if (member) {
        member.away = (p[6] || "").startsWith("G");
        renderMembersIf(buf);
      }
      break;
    }
    case "301": { // RPL_AWAY in a private talk
      const buf = buffer(p[1], false);
      if (buf) status(buf, p[1] + " is away: " + (p[2] || ""));
      break;
    }
    case "305": case "306":
      status(activeBuffer(), p[p.length - 1]);
      break;
    case "321":
      state.roomList = [];
      break;
    case "322":
      (state.roomList ||= []).push({ name: p[1], users: parseInt(p[2], 10) || 0, topic: p[3] || "" });
      break;
    case "323":
      renderRoomList();
      break;
    case "ERROR":
      status(buffer(SERVER), "Server: " + (p[0] || "closing the connection"));
      break;
    case "FAIL": case "WARN": case "NOTE":
      if (p[0] !== "CHATHISTORY") status(activeBuffer(), p[p.length - 1]);
      break;
    default:
      if (/^(00[1-4]|25\d|26[56]|37[256]|422)$/.test(msg.command)) {
        status(buffer(SERVER), p[p.length - 1], timeOf(msg));
      } else if (/^[45]\d\d$/.test(msg.command)) {
        // Errors say what went wrong in their last parameter: show it where the person is.
        const about = p.length > 2 ? p[1] + ": " : "";
        status(activeBuffer(), about + p[p.length - 1]);
      }
  }
}

function timeOf(msg) {
  const parsed = msg.tags.time ? Date.parse(msg.tags.time) : NaN;
  return Number.isNaN(parsed) ? Date.now() : parsed;
}

function prefixChars() {
  const prefix = state.conn?.isupport.get("PREFIX") || "(ov)@+";
  const close = prefix.indexOf(")");
  return close < 0 ? "~&@%+" : prefix.slice(close + 1);
}

// ---------------------------------------------------------------------------------------- view

function switchTo(key) {
  if (!state.buffers.has(key)) return;
  state.active = key;
  const buf = state.buffers.get(key);
  buf.unread = 0;
  buf.mentions = 0;
  renderBufferList();
  renderHeader();
  renderMessages(true);
  renderMembers();
  updateTitle();
  save();
  closeDrawers();
}

function renderBufferList() {
  const list = $("buffer-list");
  const items = state.order.map((key, index) => {
    const buf = state.buffers.get(key);
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "buffer " + buf.kind;
    button.dataset.buffer = buf.name;
    if (key === state.active) button.setAttribute("aria-current", "page");
    const label = document.createElement("span");
    label.className = "label";
    label.textContent = buf.kind === "server" ? "Server" : buf.name;
    button.append(label);
    if (buf.unread > 0) {
      const badge = document.createElement("span");
      badge.className = "badge" + (buf.mentions > 0 ? " mention" : "");
      badge.textContent = String(buf.unread);
      badge.setAttribute("aria-label", buf.unread + " unread" + (buf.mentions > 0 ? ", " + buf.mentions + " for you" : ""));
      button.append(badge);
    }
    if (index < 9) button.title = "Alt+" + (index + 1);
    button.addEventListener("click", () => switchTo(key));
    item.append(button);
    if (buf.kind !== "server") {
      const close = document.createElement("button");
      close.type = "button";
      close.className = "close";
      close.textContent = "✕";
      close.setAttribute("aria-label", (buf.kind === "channel" ? "Leave " : "Close ") + buf.name);
      close.addEventListener("click", () => leave(buf));
      item.append(close);
    }
    return item;
  });
  list.replaceChildren(...items);
}

function renderHeader() {
  const buf = activeBuffer();
  $("buffer-title").textContent = buf.kind === "server" ? "Server" : buf.name;
  $("buffer-topic").textContent = buf.kind === "query" ? "Private conversation" : buf.topic;
  $("input").placeholder = buf.kind === "server" ? "Type /join #room, or pick a conversation" : "Message " + buf.name;
}

function renderMessages(stickToBottom) {
  const buf = activeBuffer();
  const log = $("log");
  const nodes = [];
  let previous = null;
  for (const entry of buf.entries) {
    if (!previous || dayKey(previous.time) !== dayKey(entry.time)) nodes.push(dayNode(entry.time));
    nodes.push(messageNode(entry));
    previous = entry;
  }
  $("messages").replaceChildren(...nodes);
  const history = state.conn?.hasHistory && buf.kind !== "server";
  $("load-older").hidden = !history || buf.atStart || !buf.entries.some((e) => e.kind === "chat");
  $("history-start").hidden = !(history && buf.atStart);
  if (stickToBottom) log.scrollTop = log.scrollHeight;
}

function appendToView(entry, previous) {
  const log = $("log");
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  const list = $("messages");
  if (!previous || dayKey(previous.time) !== dayKey(entry.time)) list.append(dayNode(entry.time));
  list.append(messageNode(entry));
  if (atBottom || entry.self) log.scrollTop = log.scrollHeight;
  $("load-older").hidden = !(state.conn?.hasHistory && !activeBuffer().atStart && activeBuffer().kind !== "server");
}

function renderMembersIf(buf) {
  if (buf.key === state.active) renderMembers();
}

function renderMembers() {
  const buf = activeBuffer();
  const members = [...buf.members.values()].sort((a, b) =>
    (a.away - b.away) || a.nick.localeCompare(b.nick, undefined, { sensitivity: "base" }));
  $("member-count").textContent = buf.kind === "channel" ? "(" + members.length + ")" : "";
  $("member-list").replaceChildren(...members.map((m) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "member" + (m.away ? " away" : "");
    button.dataset.nick = m.nick;
    button.textContent = m.prefix + m.nick;
    button.title = m.away ? m.nick + " is away. Talk privately" : "Talk privately with " + m.nick;
    if (m.away) {
      const away = document.createElement("span");
      away.className = "visually-hidden";
      away.textContent = " (away)";
      button.append(away);
    }
    button.addEventListener("click", () => openQuery(m.nick));
    item.append(button);
    return item;
  }));
}

function renderRoomList() {
  const rooms = state.roomList || [];
  const filter = $("room-filter").value.trim().toLowerCase();
  const shown = rooms.filter((r) => r.name.toLowerCase().includes(filter) || r.topic.toLowerCase().includes(filter))
    .sort((a, b) => b.users - a.users || a.name.localeCompare(b.name));
  $("room-status").textContent = rooms.length === 0 ? "No rooms yet: join one by its name."
    : shown.length + " of " + rooms.length + " rooms";
  $("room-list").replaceChildren(...shown.map((room) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "room";
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = room.name;
    const users = document.createElement("span");
    users.className = "users";
    users.textContent = room.users + (room.users === 1 ? " person" : " people");
    const topic = document.createElement("span");
    topic.className = "topic";
    topic.textContent = room.topic;
    button.append(name, users, topic);
    button.addEventListener("click", () => {
      $("room-dialog").close();
      join(room.name);
    });
    item.append(button);
    return item;
  }));
}

function updateTitle() {
  let total = 0;
  for (const buf of state.buffers.values()) total += buf.unread;
  document.title = (total > 0 ? "(" + total + ") " : "") + "Parley";
}

function closeDrawers() {
  document.body.classList.remove("show-sidebar", "show-members");
  $("toggle-sidebar").setAttribute("aria-expanded", "false");
  $("toggle-members").setAttribute("aria-expanded", "false");
}

function toggleDrawer(which) {
  const cls = "show-" + which;
  const open = !document.body.classList.contains(cls);
  closeDrawers();
  document.body.classList.toggle(cls, open);
  $(which === "sidebar" ? "toggle-sidebar" : "toggle-members").setAttribute("aria-expanded", String(open));
  if (open) (which === "sidebar" ? $("buffer-list").querySelector("button") : $("member-list").querySelector("button"))?.focus();
}

// ---------------------------------------------------------------------------------------- actions

function join(name) {
  let target = name.trim();
  if (!target) return;
  if (!isChannel(target)) return openQuery(target);
  const buf = buffer(target);
  state.pendingSwitch = buf.key;
  switchTo(buf.key);
  $("input").focus();
  state.conn?.send("JOIN", buf.name);
}

function openQuery(nick) {
  if (fold(nick) === fold(state.nick)) return;
  const buf = buffer(nick);
  switchTo(buf.key);
  if (buf.entries.length === 0) fetchNewer(buf);
  $("input").focus();
}

function leave(buf) {
  if (buf.kind === "channel" && buf.joined && state.conn?.connected) {
    buf.leaving = true;
    state.conn.send("PART", buf.name);
  } else {
    removeBuffer(buf.key);
  }
}

/** Splits a text into pieces of at most `max` UTF-8 bytes, at spaces where it can. */
function splitText(text, max = 380) {
  const encoder = new TextEncoder();
  const pieces = [];
  let rest = text;
  while (encoder.encode(rest).length > max) {
    let cut = 0;
    let bytes = 0;
    for (const ch of rest) {
      const size = encoder.encode(ch).length;
      if (bytes + size > max) break;
      bytes += size;
      cut += ch.length;
    }
    const space = rest.lastIndexOf(" ", cut);
    const at = space > cut / 2 ? space : cut;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^ /, "");
  }
  pieces.push(rest);
  return pieces;
}

function say(target, text, action = false) {
  const conn = state.conn;
  if (!conn || !conn.connected) {
    status(activeBuffer(), "Not connected: your message was not sent.");
    return false;
  }
  for (const line of text.split(/\r?\n/)) {
    if (line === "") continue;
    for (const piece of splitText(line)) {
      const body = action ? "\x01ACTION " + piece + "\x01" : piece;
      conn.send("PRIVMSG", target, body);
      if (!conn.caps.has("echo-message")) {
        const buf = buffer(target);
        addEntry(buf, { kind: "chat", from: state.nick, text: piece, action, notice: false, time: Date.now(),
          msgid: null, self: true, mention: false });
      }
    }
  }
  return true;
}

function command(text) {
  const buf = activeBuffer();
  const [word, ...restWords] = text.slice(1).split(" ");
  const rest = restWords.join(" ").trim();
  const conn = state.conn;
  switch (word.toLowerCase()) {
    case "join": case "j": return join(rest.split(" ")[0] || "");
    case "part": case "leave":
      if (buf.kind === "channel") {
        buf.leaving = true;
        conn?.send("PART", buf.name, rest || "Leaving");
      } else removeBuffer(buf.key);
      return;
    case "msg": case "query": {
      const [to, ...words] = rest.split(" ");
      if (!to) return status(buf, "Usage: /" + word + " nick [text]");
      if (!isChannel(to)) openQuery(to);
      if (words.length > 0) say(to, words.join(" "));
      return;
    }
    case "me": return buf.kind === "server" ? status(buf, "Pick a conversation first.") : say(buf.name, rest, true);
    case "away": conn?.send("AWAY", rest || "Away"); return;
    case "back": conn?.send("AWAY"); return;
    case "nick": if (rest) conn?.send("NICK", rest.split(" ")[0]); return;
    case "topic":
      if (buf.kind === "channel") conn?.send(...(rest ? ["TOPIC", buf.name, rest] : ["TOPIC", buf.name]));
      return;
    case "list": return browseRooms();
    case "quit": case "logout": return logout();
    case "help": return $("shortcuts").showModal();
    case "quote": case "raw": if (rest) conn?.socket?.send(rest); return;
    default: status(buf, "Unknown command /" + word + ". Try /help.");
  }
}

function submitComposer() {
  const input = $("input");
  const text = input.value;
  if (text.trim() === "") return;
  const buf = activeBuffer();
  if (text.startsWith("/") && !text.startsWith("//")) {
    command(text.trimEnd());
  } else if (buf.kind === "server") {
    status(buf, "Pick a room or a person to talk to, or type /join #room.");
    return;
  } else if (!say(buf.name, text.startsWith("//") ? text.slice(1) : text)) {
    return;
  }
  input.value = "";
  autoGrow();
}

function browseRooms() {
  state.roomList = null;
  $("room-list").replaceChildren();
  $("room-status").textContent = "Loading…";
  $("room-filter").value = "";
  $("room-dialog").showModal();
  $("room-filter").focus();
  if (!state.conn?.send("LIST")) $("room-status").textContent = "Not connected.";
}

function logout() {
  stop();
  showLogin("", "");
}

function completeNick(input) {
  const buf = activeBuffer();
  const caret = input.selectionStart;
  const before = input.value.slice(0, caret);
  const match = /(^|\s)([^\s]+)$/.exec(before);
  if (!match) return false;
  const prefix = match[2].toLowerCase();
  const nicks = [...buf.members.values()].map((m) => m.nick).filter((n) => n.toLowerCase().startsWith(prefix) && fold(n) !== fold(state.nick));
  if (buf.kind === "query" && buf.name.toLowerCase().startsWith(prefix)) nicks.push(buf.name);
  if (nicks.length === 0) return false;
  nicks.sort();
  const nick = nicks[0];
  const suffix = match[1] === "" ? ": " : " ";
  const start = caret - match[2].length;
  input.value = input.value.slice(0, start) + nick + suffix + input.value.slice(caret);
  input.selectionStart = input.selectionEnd = start + nick.length + suffix.length;
  return true;
}

function autoGrow() {
  const input = $("input");
  input.style.height = "auto";
  input.style.height = Math.min(input.scrollHeight, 160) + "px";
}

// ---------------------------------------------------------------------------------------- login

function loginMode() {
  return document.querySelector("input[name=mode]:checked").value;
}

function showLogin(nick, error) {
  $("app").hidden = true;
  $("login").hidden = false;
  if (nick) $("login-nick").value = nick;
  $("login-password").value = "";
  $("login-error").textContent = error || "";
  updateLoginForm();
  $("login-nick").focus();
}

function updateLoginForm() {
  const mode = loginMode();
  $("password-fields").hidden = mode === "guest";
  $("password-hint").hidden = mode !== "create";
  $("login-password").autocomplete = mode === "create" ? "new-password" : "current-password";
  $("login-nick-label").textContent = mode === "guest" ? "Nick" : "Account name";
  $("login-submit").textContent = mode === "guest" ? "Join" : mode === "login" ? "Log in" : "Create account and join";
}

async function submitLogin(event) {
  event.preventDefault();
  const mode = loginMode();
  const nick = $("login-nick").value.trim();
  const password = $("login-password").value;
  const error = $("login-error");
  if (!/^[A-Za-z\[\]\\^_{|}`][A-Za-z0-9\[\]\\^_{|}`-]{0,31}$/.test(nick)) {
    error.textContent = "A nick is 1 to 32 letters, digits or [ ] \\ ^ _ { | } -, not starting with a digit or -.";
    return;
  }
  if (mode !== "guest" && password.length === 0) {
    error.textContent = "Type your password.";
    return;
  }
  if ($("login-notify").checked && "Notification" in window && Notification.permission === "default") {
    Notification.requestPermission().then(updateNotifyButton);
  }
  error.textContent = "";
  let loginAs = mode === "guest" ? "guest" : "account";
  if (mode === "create") {
    $("login-submit").disabled = true;
    try {
      const created = await createAccount(nick, password);
      if (created === "irc") loginAs = "create-irc";
      else if (created !== "created") {
        error.textContent = created;
        return;
      }
    } finally {
      $("login-submit").disabled = false;
    }
  }
  $("login-password").value = "";
  // The same person again in this tab (an account asked for its password after a reload): the
  // same conversations, private ones with their lines.
  const saved = loadSaved();
  const again = saved && saved.mode === loginAs && foldCase(saved.nick || "") === foldCase(nick);
  start({ mode: loginAs, nick, password: mode === "guest" ? null : password },
    again ? saved.buffers || ["#lobby"] : ["#lobby"], again ? saved.active || "#lobby" : "#lobby", false,
    again ? saved.private : {});
}

/**
 * Creates an account through the web listener's POST /account. Returns "created", "irc" when
 * the server has no such endpoint (then IRC's REGISTER is tried), or an error to show.
 */
async function createAccount(name, password) {
  let response;
  try {
    response = await fetch("/account", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name, password }),
    });
  } catch (e) {
    return "The server could not be reached.";
  }
  if (response.status === 404 || response.status === 405) return "irc";
  if (response.ok) return "created";
  try {
    const body = await response.json();
    return body.error || "The account could not be created (" + response.status + ").";
  } catch (e) {
    return "The account could not be created (" + response.status + ").";
  }
}

function updateNotifyButton() {
  const button = $("enable-notifications");
  button.hidden = !("Notification" in window) || Notification.permission !== "default";
}

// ---------------------------------------------------------------------------------------- wiring

function bufferAt(offset) {
  const i = state.order.indexOf(state.active);
  const next = (i + offset + state.order.length) % state.order.length;
  switchTo(state.order[next]);
}

function wire() {
  document.querySelectorAll("input[name=mode]").forEach((r) => r.addEventListener("change", updateLoginForm));
  $("login-form").addEventListener("submit", submitLogin);
  $("composer").addEventListener("submit", (e) => {
    e.preventDefault();
    submitComposer();
  });
  $("input").addEventListener("input", autoGrow);
  $("input").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submitComposer();
    } else if (e.key === "Tab" && !e.shiftKey && !e.altKey && !e.ctrlKey && completeNick(e.target)) {
      e.preventDefault();
    } else if (e.key === "PageUp" || e.key === "PageDown") {
      e.preventDefault();
      const log = $("log");
      log.scrollTop += (e.key === "PageUp" ? -1 : 1) * log.clientHeight * 0.9;
    }
  });
  $("join-form").addEventListener("submit", (e) => {
    e.preventDefault();
    join($("join-input").value);
    $("join-input").value = "";
    $("input").focus();
  });
  $("browse-rooms").addEventListener("click", browseRooms);
  $("room-filter").addEventListener("input", renderRoomList);
  $("logout").addEventListener("click", logout);
  $("retry-now").addEventListener("click", () => state.conn?.retryNow());
  $("load-older").addEventListener("click", () => fetchOlder(activeBuffer()));
  $("toggle-sidebar").addEventListener("click", () => toggleDrawer("sidebar"));
  $("toggle-members").addEventListener("click", () => toggleDrawer("members"));
  $("show-shortcuts").addEventListener("click", (e) => {
    e.preventDefault();
    $("shortcuts").showModal();
  });
  $("enable-notifications").addEventListener("click", () => Notification.requestPermission().then(updateNotifyButton));
  $("log").addEventListener("scroll", () => {
    if ($("log").scrollTop < 80) fetchOlder(activeBuffer());
  });
  window.addEventListener("online", () => state.conn?.retryNow());
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden && state.conn) {
      const buf = activeBuffer();
      buf.unread = 0;
      buf.mentions = 0;
      renderBufferList();
      updateTitle();
    }
  });
  document.addEventListener("keydown", (e) => {
    if ($("app").hidden) return;
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      if (e.key === "ArrowUp" || e.key === "ArrowDown") {
        e.preventDefault();
        bufferAt(e.key === "ArrowUp" ? -1 : 1);
        $("input").focus();
      } else if (/^[1-9]$/.test(e.key) || /^Digit[1-9]$/.test(e.code)) {
        const n = parseInt(e.code.startsWith("Digit") ? e.code.slice(5) : e.key, 10);
        if (state.order[n - 1] !== undefined) {
          e.preventDefault();
          switchTo(state.order[n - 1]);
          $("input").focus();
        }
      } else if (e.code === "KeyR") {
        e.preventDefault();
        browseRooms();
      } else if (e.code === "KeyC") {
        e.preventDefault();
        toggleDrawer("sidebar");
      } else if (e.code === "KeyM") {
        e.preventDefault();
        toggleDrawer("members");
      }
    } else if (e.key === "Escape" && !document.querySelector("dialog[open]")) {
      closeDrawers();
      $("input").focus();
    }
  });
  updateNotifyButton();
}

function boot() {
  wire();
  const saved = loadSaved();
  if (saved && saved.mode === "guest" && saved.nick) {
    // A reload: the same guest again, in the same conversations, history filling them in.
    start({ mode: "guest", nick: saved.nick, password: null }, saved.buffers || ["#lobby"], saved.active || "#lobby", true,
      saved.private);
  } else {
    showLogin(saved?.nick || "", saved ? "Log in again to go on." : "");
  }
}

boot();
