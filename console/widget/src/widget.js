/*
 * The parents' chat widget. One script tag embeds it in any school page:
 *
 *   <script src="https://assistant.school.example/widget.js"
 *           data-server="https://assistant.school.example:5005"
 *           data-school="Oakley Cross" data-office-phone="01388 000 000"
 *           data-privacy-url="https://oakleycross.example.org/privacy" defer></script>
 *
 * or set window.SchoolChatConfig = {server, school, officePhone, privacyUrl} before it.
 *
 * It talks socket.io to Rasa's socketio channel. The conversation survives page reloads:
 * the server-issued session id and the messages so far are kept in sessionStorage, which
 * the browser clears when the tab closes (a shared family computer keeps nothing).
 * A session id lasts WEBCHAT_SESSION_HOURS; when the server no longer accepts it, the widget
 * says so, starts a new conversation and sends the refused message again there.
 * A reply from a member of staff carries its id: the widget tells the server it was shown
 * (so the console can say it reached the parent), and when it comes back to its session it
 * asks for the replies staff sent, to show any that arrived while the parent was away.
 * Everything a person wrote is put on the page as text, never as HTML.
 */
import { io } from "socket.io-client";

(function () {
  "use strict";
  if (window.__schoolChatLoaded) return;
  window.__schoolChatLoaded = true;

  const script = document.currentScript;
  const data = (script && script.dataset) || {};
  const given = window.SchoolChatConfig || {};
  const config = {
    server: given.server || data.server || window.location.origin,
    school: given.school || data.school || "the school",
    officePhone: given.officePhone || data.officePhone || "",
    privacyUrl: given.privacyUrl || data.privacyUrl || "",
    connectTimeoutMs: Number(given.connectTimeoutMs || data.connectTimeoutMs || 8000),
  };
  const storageKey = "school-chat:" + config.server;
  const MAX_KEPT = 200;

  function load() {
    try {
      return JSON.parse(window.sessionStorage.getItem(storageKey)) || { sessionId: null, messages: [] };
    } catch (e) {
      return { sessionId: null, messages: [] };
    }
  }
  let state = load();
  state.staffReplies = state.staffReplies || [];  // ids of the staff replies already shown
  function save() {
    try {
      state.messages = state.messages.slice(-MAX_KEPT);
      state.staffReplies = (state.staffReplies || []).slice(-MAX_KEPT);
      window.sessionStorage.setItem(storageKey, JSON.stringify(state));
    } catch (e) {
      /* storage full or disabled: the chat still works, it just won't survive a reload */
    }
  }

  const css = `
.scw-root{--scw-ink:#14213d;--scw-brand:#1d3557;--scw-brand-ink:#fff;--scw-bg:#fff;--scw-soft:#eef2f7;
  --scw-focus:#ffbf47;font:1rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--scw-ink)}
.scw-root *{box-sizing:border-box}
.scw-launcher{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;background:var(--scw-brand);color:var(--scw-brand-ink);
  border:2px solid var(--scw-brand);border-radius:2rem;padding:.75rem 1.25rem;font:inherit;font-weight:600;cursor:pointer;
  min-height:44px;min-width:44px;box-shadow:0 2px 8px rgba(0,0,0,.25)}
.scw-root button:focus-visible,.scw-root a:focus-visible,.scw-root textarea:focus-visible{outline:3px solid var(--scw-focus);
  outline-offset:2px;box-shadow:0 0 0 5px var(--scw-ink)}
.scw-panel{position:fixed;right:1rem;bottom:1rem;z-index:2147483001;width:min(24rem,calc(100vw - 1rem));
  height:min(36rem,calc(100vh - 2rem));display:flex;flex-direction:column;background:var(--scw-bg);
  border:1px solid #5a6272;border-radius:.75rem;box-shadow:0 6px 24px rgba(0,0,0,.3);overflow:hidden}
.scw-panel[hidden]{display:none}
@media (max-width:30em){.scw-panel{right:.5rem;left:.5rem;bottom:.5rem;width:auto;height:calc(100vh - 1rem)}}
.scw-header{background:var(--scw-brand);color:var(--scw-brand-ink);padding:.75rem 1rem;display:flex;gap:.5rem;align-items:flex-start}
.scw-header h2{font-size:1.05rem;margin:0;line-height:1.3}
.scw-header p{margin:.25rem 0 0;font-size:.875rem}
.scw-header a{color:var(--scw-brand-ink);text-decoration:underline}
.scw-close{margin-left:auto;background:transparent;color:var(--scw-brand-ink);border:2px solid var(--scw-brand-ink);
  border-radius:.5rem;min-width:44px;min-height:44px;font:inherit;font-size:1.25rem;cursor:pointer}
.scw-log{flex:1;overflow-y:auto;padding:.75rem;background:var(--scw-soft);display:flex;flex-direction:column;gap:.5rem}
.scw-msg{max-width:85%;padding:.5rem .75rem;border-radius:.75rem;white-space:pre-wrap;overflow-wrap:anywhere}
.scw-bot{background:#fff;border:1px solid #c4cad4;align-self:flex-start}
.scw-user{background:var(--scw-brand);color:var(--scw-brand-ink);align-self:flex-end}
.scw-bot a{color:#0b4a8b}
.scw-notice{align-self:stretch;max-width:100%;background:#fff4ce;border:1px solid #8a6d00;color:#3d3000}
.scw-choices{display:flex;flex-wrap:wrap;gap:.375rem;align-self:flex-start}
.scw-choice{background:#fff;color:var(--scw-brand);border:2px solid var(--scw-brand);border-radius:1.25rem;
  padding:.375rem .75rem;min-height:44px;font:inherit;cursor:pointer}
.scw-choice:hover{background:var(--scw-brand);color:var(--scw-brand-ink)}
.scw-typing{align-self:flex-start;color:#3d4452;font-style:italic}
.scw-typing span{display:inline-block;animation:scw-blink 1.2s infinite}
@keyframes scw-blink{0%,100%{opacity:.2}50%{opacity:1}}
@media (prefers-reduced-motion:reduce){.scw-typing span{animation:none}.scw-root *{scroll-behavior:auto!important;transition:none!important}}
.scw-form{display:flex;gap:.5rem;padding:.5rem;border-top:1px solid #c4cad4;background:#fff;align-items:flex-end}
.scw-form label{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.scw-input{flex:1;resize:none;min-height:44px;max-height:8rem;font:inherit;padding:.5rem;border:2px solid #5a6272;border-radius:.5rem;color:var(--scw-ink)}
.scw-send,.scw-human{background:var(--scw-brand);color:var(--scw-brand-ink);border:2px solid var(--scw-brand);
  border-radius:.5rem;min-height:44px;padding:0 .875rem;font:inherit;font-weight:600;cursor:pointer}
.scw-human{background:#fff;color:var(--scw-brand);margin:0 .5rem .5rem;align-self:stretch}
.scw-root .scw-file{position:absolute;width:1px;height:1px;opacity:0}
.scw-root .scw-form .scw-attach{position:static;width:auto;height:auto;clip:auto;overflow:visible;white-space:normal;
  background:#fff;color:var(--scw-brand);border:2px solid var(--scw-brand);border-radius:.5rem;min-height:44px;
  padding:.55rem .5rem;font-weight:600;cursor:pointer}
.scw-root .scw-file:focus-visible+.scw-attach{outline:3px solid var(--scw-focus);outline-offset:2px}
`;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => {
      if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Text with web addresses made into safe links; everything else stays plain text. */
  function linkify(parent, text) {
    const pattern = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)])/g;
    let last = 0;
    String(text).replace(pattern, (url, _m, offset) => {
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      const link = el("a", { href: url, target: "_blank", rel: "noopener noreferrer nofollow" }, url);
      link.appendChild(el("span", { class: "scw-sr" }, ""));
      link.setAttribute("aria-label", url + " (opens in a new tab)");
      parent.appendChild(link);
      last = offset + url.length;
      return url;
    });
    parent.appendChild(document.createTextNode(String(text).slice(last)));
  }

  const style = el("style");
  style.textContent = css;
  document.head.appendChild(style);

  const root = el("div", { class: "scw-root" });
  const launcher = el("button", { class: "scw-launcher", type: "button", "aria-expanded": "false",
    "aria-controls": "scw-panel" }, "Chat with us");
  const panel = el("section", { class: "scw-panel", id: "scw-panel", role: "dialog",
    "aria-labelledby": "scw-title", "aria-describedby": "scw-about" });
  panel.hidden = true;
  const header = el("div", { class: "scw-header" });
  const titles = el("div");
  titles.appendChild(el("h2", { id: "scw-title" }, "Talk to " + config.school));
  const about = el("p", { id: "scw-about" }, "This is an automated assistant, not a person. ");
  if (config.privacyUrl) {
    about.appendChild(el("a", { href: config.privacyUrl, target: "_blank", rel: "noopener noreferrer" },
      "How we use your information"));
  }
  titles.appendChild(about);
  const close = el("button", { class: "scw-close", type: "button", "aria-label": "Close chat" }, "×");
  header.appendChild(titles);
  header.appendChild(close);

  const log = el("div", { class: "scw-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
    "aria-label": "Conversation", tabindex: "0" });
  const typing = el("div", { class: "scw-typing", role: "status" });
  typing.hidden = true;

  const human = el("button", { class: "scw-human", type: "button" }, "Talk to a person");
  const form = el("form", { class: "scw-form" });
  const inputId = "scw-input";
  form.appendChild(el("label", { for: inputId }, "Your message"));
  const input = el("textarea", { class: "scw-input", id: inputId, rows: "1", maxlength: "5000",
    autocomplete: "off", placeholder: "Type your message" });
  const send = el("button", { class: "scw-send", type: "submit" }, "Send");
  // A screenshot or a document for the school: sent with the words typed beside it.
  const fileId = "scw-file";
  const picker = el("input", { class: "scw-file", id: fileId, type: "file",
    accept: "image/jpeg,image/png,image/gif,image/webp,application/pdf" });
  const attach = el("label", { class: "scw-attach", for: fileId, title: "Add a screenshot or document (up to 10 MB)" },
    "Add file");
  form.appendChild(input);
  form.appendChild(picker);
  form.appendChild(attach);
  form.appendChild(send);

  panel.appendChild(header);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(human);
  panel.appendChild(form);
  root.appendChild(launcher);
  root.appendChild(panel);
  document.body.appendChild(root);

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  function render(message) {
    if (message.who === "user") {
      log.appendChild(el("div", { class: "scw-msg scw-user" }, message.text));
    } else if (message.who === "notice") {
      log.appendChild(el("div", { class: "scw-msg scw-notice", role: "alert" }, message.text));
    } else {
      const bubble = el("div", { class: "scw-msg scw-bot" });
      linkify(bubble, message.text || "");
      if (message.text) log.appendChild(bubble);
      if (message.buttons && message.buttons.length && message.latest) {
        const group = el("div", { class: "scw-choices", role: "group", "aria-label": "Choices" });
        message.buttons.forEach((button) => {
          const choice = el("button", { class: "scw-choice", type: "button" }, button.title);
          choice.addEventListener("click", () => {
            group.remove();
            sendText(button.payload, button.title);
          });
          group.appendChild(choice);
        });
        log.appendChild(group);
      }
    }
    scrollDown();
  }

  function remember(message) {
    state.messages.forEach((m) => { m.latest = false; });
    state.messages.push(message);
    save();
  }

  function clearChoices() {
    log.querySelectorAll(".scw-choices").forEach((group) => group.remove());
  }

  let typingTimer = null;
  function showTyping(on) {
    typing.hidden = !on;
    typing.textContent = "";
    if (on) {
      typing.appendChild(document.createTextNode("The assistant is typing"));
      const dots = el("span", { "aria-hidden": "true" }, " …");
      typing.appendChild(dots);
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => showTyping(false), 15000);
    }
  }

  const EXPIRED = "This chat had been open a long time, so for your privacy a new one has started.";
  function startAfresh() {
    state.messages = [];
    state.staffReplies = [];
    log.textContent = "";
    const notice = { who: "notice", text: EXPIRED };
    remember(notice);
    render(notice);
  }

  let socket = null;
  let confirmed = false;
  let unreachableShown = false;
  const pending = [];

  function unreachable() {
    if (unreachableShown) return;
    unreachableShown = true;
    showTyping(false);
    const phone = config.officePhone ? " Please phone the school office on " + config.officePhone + "." : "";
    const notice = { who: "notice", text: "Sorry, we can't reach the assistant right now." + phone +
      " If a child is in danger, call 999." };
    render(notice);
  }

  function connect() {
    if (socket) return;
    socket = io(config.server, { path: "/socket.io", transports: ["websocket", "polling"], reconnectionAttempts: 5,
      timeout: config.connectTimeoutMs });
    const deadline = setTimeout(() => { if (!confirmed) unreachable(); }, config.connectTimeoutMs);
    socket.on("connect", () => {
      socket.emit("session_request", { session_id: state.sessionId });
    });
    socket.on("session_confirm", (sessionId) => {
      const id = typeof sessionId === "string" ? sessionId : (sessionId && sessionId.session_id);
      if (state.sessionId && id !== state.sessionId) {
        // The server did not accept the old session (expired or not ours): start afresh.
        startAfresh();
      }
      state.sessionId = id;
      confirmed = true;
      clearTimeout(deadline);
      if (unreachableShown) {
        unreachableShown = false;
        render({ who: "notice", text: "Connected again." });
      }
      save();
      while (pending.length) socket.emit("user_uttered", pending.shift());
      // Back in its own conversation: anything staff said while the parent was away.
      socket.emit("history_request", {});
      if (!state.messages.some((m) => m.who !== "notice")) {
        emitText("/greet");
      }
    });
    socket.on("bot_uttered", (message) => {
      showTyping(false);
      if (message && Number.isInteger(message.staff_reply)) {
        showStaffReply(message);
        return;
      }
      const kept = { who: "bot", text: message.text || "", buttons: message.quick_replies || message.buttons || [],
        latest: true };
      clearChoices();
      remember(kept);
      render(kept);
    });
    socket.on("history", (history) => {
      const replies = (history && Array.isArray(history.staff_replies)) ? history.staff_replies : [];
      replies.forEach((reply) => { if (reply && Number.isInteger(reply.staff_reply)) showStaffReply(reply); });
    });
    socket.on("session_expired", (refused) => {
      // This session is too old to speak in: a new one, with the message that was refused.
      confirmed = false;
      state.sessionId = null;
      startAfresh();
      const text = refused && typeof refused.message === "string" ? refused.message : "";
      if (text && !text.startsWith("/")) {  // a button's payload means nothing in a new conversation
        const mine = { who: "user", text: text };
        remember(mine);
        render(mine);
        pending.push({ message: text });
        showTyping(true);
      }  // otherwise the new session opens with the greeting, as any other
      socket.emit("session_request", { session_id: null });
    });
    socket.on("connect_error", () => { if (!confirmed) unreachable(); });
    socket.on("disconnect", () => { confirmed = false; });
    socket.io.on("reconnect_failed", unreachable);
  }

  function showStaffReply(reply) {
    if (!state.staffReplies.includes(reply.staff_reply)) {
      state.staffReplies.push(reply.staff_reply);
      const kept = { who: "bot", text: reply.text || "", buttons: [], latest: true };
      clearChoices();
      remember(kept);
      render(kept);
    }
    // Said again for one already shown: the server may not have heard the first time.
    if (socket && confirmed) socket.emit("reply_shown", { staff_reply: reply.staff_reply });
  }

  function emitText(text) {
    const payload = { message: text, session_id: state.sessionId };
    if (socket && confirmed) socket.emit("user_uttered", payload);
    else pending.push(payload);
    showTyping(true);
  }

  function sendText(text, shown) {
    const clean = String(text || "").trim();
    if (!clean) return;
    clearChoices();
    const mine = { who: "user", text: shown || clean };
    remember(mine);
    render(mine);
    emitText(clean);
  }

  // Sends a file with the words typed beside it; the server keeps it only if it is a photo or
  // a PDF within the limit, and says why not otherwise (the words still reach the assistant).
  function sendFile(file) {
    const words = input.value.trim();
    input.value = "";
    clearChoices();
    const mine = { who: "user", text: (words ? words + "\n" : "") + "Sent a file: " + file.name };
    remember(mine);
    render(mine);
    const body = new FormData();
    body.append("session_id", state.sessionId || "");
    body.append("message", words);
    body.append("file", file);
    showTyping(true);
    fetch(config.server + "/webhooks/socketio/upload", { method: "POST", body: body })
      .then((reply) => reply.json().then((answer) => ({ status: reply.status, answer: answer })))
      .then(({ status, answer }) => {
        if (answer && answer.text) {
          showTyping(false);
          const told = { who: "bot", text: answer.text };
          remember(told);
          render(told);
        } else if (status !== 200) {
          throw new Error("upload refused");
        }
      })
      .catch(() => {
        showTyping(false);
        const told = { who: "bot", text: "Sorry, the file could not be sent. Please try again, or take it to the " +
          "school office" + (config.officePhone ? " (" + config.officePhone + ")" : "") + "." };
        remember(told);
        render(told);
      });
  }

  picker.addEventListener("change", () => {
    const file = picker.files && picker.files[0];
    picker.value = "";
    if (file && state.sessionId) sendFile(file);
  });

  function open() {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    connect();
    input.focus();
    state.open = true;
    save();
  }

  function shut() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
    state.open = false;
    save();
  }

  launcher.addEventListener("click", open);
  close.addEventListener("click", shut);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") shut();
  });
  human.addEventListener("click", () => sendText("/ask_human", "Talk to a person"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    input.value = "";
    sendText(text);
    input.focus();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
    }
  });

  // After a reload: show the conversation so far and reopen where the parent was.
  state.messages.forEach(render);
  if (state.open) {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    connect();
  }
  window.SchoolChat = { open, close: shut };
})();
