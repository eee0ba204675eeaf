// Live parts of the staff console: the hand-off list and a conversation update themselves.
// Everything a parent wrote is put on the page with textContent, never as HTML.
(function () {
  "use strict";
  async function getJSON(url) {
    const reply = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!reply.ok) throw new Error(String(reply.status));
    return reply.json();
  }

  const list = document.getElementById("handoffs");
  if (list) {
    const refresh = async () => {
      try {
        const data = await getJSON("/handoffs.json");
        list.textContent = "";
        if (!data.handoffs.length) list.appendChild(Object.assign(document.createElement("li"), { textContent: "No one is waiting." }));
        data.handoffs.forEach((h) => {
          const item = document.createElement("li");
          const link = document.createElement("a");
          link.href = "/conversations/" + encodeURIComponent(h.conversation_id);
          link.textContent = h.channel + " conversation, " + h.status + (h.taken_by ? " by " + h.taken_by : "") +
            (h.case_reference ? " (" + h.case_reference + ")" : "") + ", since " + h.opened_at;
          link.className = "handoff-link";
          item.appendChild(link);
          list.appendChild(item);
        });
      } catch (e) { /* try again on the next tick */ }
    };
    refresh();
    setInterval(refresh, 2000);
  }

  const box = document.getElementById("messages");
  if (box) {
    const conversation = box.dataset.conversation;
    const state = document.getElementById("state");
    let shown = "";
    const refresh = async () => {
      try {
        const data = await getJSON("/conversations/" + encodeURIComponent(conversation) + "/messages.json");
        state.textContent = (data.channel || "unknown") + ", " + (data.paused ? "staff are replying (assistant paused)" : "assistant answering");
        const seen = JSON.stringify(data.messages);  // a reply's delivery may change, not only the count
        if (seen === shown) return;
        shown = seen;
        box.textContent = "";
        data.messages.forEach((m) => {
          const line = document.createElement("p");
          line.className = m.alert ? "line alert" : "line";
          if (m.alert) {
            // A safeguarding signal sent while staff had the chat: 999 was given and the
            // safeguarding lead alerted; the staff member must not miss it.
            const flag = document.createElement("strong");
            flag.textContent = "Safeguarding alert raised: ";
            line.appendChild(flag);
          }
          const who = document.createElement("span");
          who.className = "who";
          who.textContent = m.who + ": ";
          const words = document.createElement("span");
          words.className = "words";
          words.textContent = m.text;
          line.appendChild(who);
          line.appendChild(words);
          (m.files || []).forEach((f) => {
            if (f.removed) {
              // Deleted since it was sent (words about a nude image of a child): why, and no link.
              const removed = document.createElement("span");
              removed.className = "file removed";
              removed.textContent = " [" + f.removed + "]";
              line.appendChild(removed);
              return;
            }
            // A file the parent sent, kept in the case store; opened only through the console.
            const link = document.createElement("a");
            link.href = "/conversations/" + encodeURIComponent(conversation) + "/files/" + encodeURIComponent(f.evidence);
            link.target = "_blank";
            link.rel = "noopener noreferrer";
            link.className = "file";
            link.textContent = " [" + (f.media_type === "application/pdf" ? "document (PDF)" : "image") + " sent by the parent]";
            line.appendChild(link);
          });
          if (m.delivery) {
            // Whether a staff reply reached the parent: never "sent" for one that did not.
            const status = document.createElement("span");
            status.className = "delivery delivery-" + m.delivery.status;
            status.textContent = " (" + ({ delivered: "delivered", pending: "not delivered yet", failed: "not delivered" }[m.delivery.status] || m.delivery.status) +
              (m.delivery.reason ? ": " + m.delivery.reason : "") + ")";
            line.appendChild(status);
          }
          box.appendChild(line);
        });
      } catch (e) { /* try again on the next tick */ }
    };
    refresh();
    setInterval(refresh, 1500);
    const form = document.getElementById("reply-form");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const problem = document.getElementById("reply-problem");
      problem.textContent = "";
      const reply = await fetch(form.action, { method: "POST", credentials: "same-origin", body: new FormData(form),
        headers: { Accept: "application/json" } });
      if (!reply.ok) {
        const data = await reply.json().catch(() => ({}));
        problem.textContent = data.error || "The reply could not be sent.";
        refresh();  // a reply that was kept but not delivered shows in the conversation, marked so
        return;
      }
      form.reset();
      refresh();
    });
  }
})();
