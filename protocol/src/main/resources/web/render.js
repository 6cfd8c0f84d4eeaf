// Turning chat text into DOM nodes. User text only ever becomes text nodes (textContent) or the
// text of a link whose address is http or https; nothing is parsed as HTML.

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING = /[.,;:!?'"*]+$/;

/** A URL found in text without the punctuation that usually ends a sentence after it. */
function trimUrl(candidate) {
  let url = candidate.replace(TRAILING, "");
  // A closing bracket belongs to the URL only when the URL opened one.
  for (const [open, close] of [["(", ")"], ["[", "]"], ["{", "}"]]) {
    while (url.endsWith(close) && url.split(open).length < url.split(close).length) {
      url = url.slice(0, -1).replace(TRAILING, "");
    }
  }
  return url;
}

/** The address a link may point at (http or https only), or null. */
export function safeHref(text) {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (e) {
    return null;
  }
}

/** Appends `text` to `parent` as text nodes, with its http(s) addresses as safe links. */
export function appendLinkified(parent, text) {
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    const href = safeHref(url);
    if (!href) continue;
    if (match.index > last) parent.append(document.createTextNode(text.slice(last, match.index)));
    const link = document.createElement("a");
    link.href = href;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    link.textContent = url;
    parent.append(link);
    last = match.index + url.length;
  }
  if (last < text.length) parent.append(document.createTextNode(text.slice(last)));
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether `text` names `nick` as a word (case-insensitive). */
export function mentions(text, nick) {
  if (!nick) return false;
  return new RegExp("(^|[^A-Za-z0-9_\\-\\[\\]\\\\^{}|`])" + escapeRegExp(nick) + "($|[^A-Za-z0-9_\\-\\[\\]\\\\^{}|`])", "i").test(text);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "long", year: "numeric", month: "long", day: "numeric" });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "medium" });

export function dayKey(time) {
  const d = new Date(time);
  return d.getFullYear() + "-" + d.getMonth() + "-" + d.getDate();
}

/** A day separator for the message list. */
export function dayNode(time) {
  const item = document.createElement("li");
  item.className = "day";
  item.setAttribute("role", "separator");
  item.textContent = dayFormat.format(new Date(time));
  return item;
}

/**
 * One message as a list item: time, nick and text. `entry`: {kind: "chat"|"status", from, text,
 * action, notice, time, msgid, self, mention}.
 */
export function messageNode(entry) {
  const item = document.createElement("li");
  item.className = "msg " + entry.kind;
  if (entry.self) item.classList.add("self");
  if (entry.mention) item.classList.add("mention");
  if (entry.action) item.classList.add("action");
  if (entry.notice) item.classList.add("notice");
  if (entry.msgid) item.dataset.msgid = entry.msgid;
  item.dataset.time = String(entry.time);
  const time = document.createElement("time");
  time.dateTime = new Date(entry.time).toISOString();
  time.title = fullFormat.format(new Date(entry.time));
  time.textContent = timeFormat.format(new Date(entry.time));
  item.append(time, " ");
  if (entry.kind === "chat") {
    const nick = document.createElement("span");
    nick.className = "nick";
    nick.textContent = entry.action ? "* " + entry.from : entry.notice ? "-" + entry.from + "-" : entry.from;
    nick.style.setProperty("--hue", String(nickHue(entry.from)));
    item.append(nick, " ");
  }
  const text = document.createElement("span");
  text.className = "text";
  appendLinkified(text, entry.text);
  item.append(text);
  return item;
}

/** A stable hue per nick, for telling speakers apart (the colours are dark enough to read on white). */
export function nickHue(nick) {
  let hash = 0;
  for (const c of nick.toLowerCase()) hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  return hash % 360;
}
