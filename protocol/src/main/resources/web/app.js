// A minimal console for /socket: shows each line the server sends, sends each line typed.
// Text is only ever set with textContent, never parsed as HTML.
"use strict";
(function () {
  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/socket";
  const log = document.getElementById("log");
  const state = document.getElementById("state");
  const input = document.getElementById("line");
  const prompt = document.getElementById("prompt");
  document.getElementById("socket-url").textContent = url;
  let socket = null;

  function show(text, mine) {
    const item = document.createElement("li");
    item.textContent = (mine ? "> " : "") + text;
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function connect() {
    socket = new WebSocket(url, ["text.ircv3.net"]);
    state.textContent = "Connecting…";
    prompt.textContent = "Your name";
    socket.onopen = function () { state.textContent = "Connected: type your name first"; };
    socket.onmessage = function (event) { show(String(event.data), false); };
    socket.onclose = function () {
      state.textContent = "Disconnected: send a line to connect again";
      socket = null;
    };
  }

  document.getElementById("send").addEventListener("submit", function (event) {
    event.preventDefault();
    const text = input.value;
    if (!socket) {
      connect();
      return;
    }
    if (socket.readyState !== WebSocket.OPEN || text === "") {
      return;
    }
    socket.send(text);
    show(text, true);
    prompt.textContent = "Message";
    input.value = "";
  });
  connect();
})();
