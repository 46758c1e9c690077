// The post and page admin's writing tools (see posts.autosaves): a live word
// count and reading time under the editor; the text kept in this browser as
// it is typed, offered back when the site did not get it; for posts, an
// autosave sent to the site every few seconds and when a field is left; and
// a warning before leaving the page with changes not saved.
(function () {
  "use strict";

  const WORD = /[\p{L}\p{N}_]+(?:[-'’][\p{L}\p{N}_]+)*/gu;
  const TAG = /<[^>]*>/g;
  const STORAGE_PREFIX = "greatleaders-writing:";

  let editor = null;
  let placeTools = null;

  // The editor starts after this script runs: its "ready" event hands over
  // the editor, to restore text into it. Its editable area is named after
  // the field's label, for screen readers.
  document.addEventListener("prose-editor:ready", (event) => {
    const { editor: started, textarea } = event.detail;
    const label = textarea.labels[0];
    if (label) {
      started.view.dom.setAttribute("aria-label", label.textContent.replace(/:$/, ""));
    }
    if (textarea.name === "body") {
      editor = started;
      if (placeTools) placeTools();
    }
  });
  document.addEventListener("DOMContentLoaded", start);

  function clock(date) {
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function start() {
    const tools = document.getElementById("writing-tools");
    const form = tools && document.getElementById(tools.dataset.form);
    if (!form) return;
    const body = form.elements.body;
    // A page the user may only view has no fields to write in.
    if (!body) return;
    const names = tools.dataset.fields.split(" ").filter((name) => form.elements[name]);
    const status = document.getElementById("writing-status");
    const count = document.getElementById("writing-count");
    const offer = document.getElementById("writing-browser-copy");
    const storageKey = STORAGE_PREFIX + tools.dataset.storageKey;
    const autosaveUrl = tools.dataset.autosaveUrl;
    const interval = Number(tools.dataset.interval) * 1000;
    const wordsPerMinute = Number(tools.dataset.wordsPerMinute);
    const updatedAt = Date.parse(tools.dataset.updatedAt) || 0;

    function values() {
      const data = {};
      for (const name of names) data[name] = form.elements[name].value;
      return data;
    }
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

    // As loaded; a restored autosave is a change not saved yet.
    const loaded = tools.hasAttribute("data-restored") ? null : values();
    let sent = values();
    let timer = null;
    let sending = false;
    let submitting = false;

    // Under the editor, once it is there; before, under the text box.
    placeTools = () => {
      const anchor =
        body.closest(".flex-container") || body.closest(".prose-editor") || body;
      anchor.after(tools);
      tools.hidden = false;
    };
    placeTools();

    function countWords() {
      const text = new DOMParser().parseFromString(
        body.value.replace(TAG, " "),
        "text/html",
      ).documentElement.textContent;
      const words = (text.match(WORD) || []).length;
      const minutes = Math.max(1, Math.ceil(words / wordsPerMinute));
      count.textContent =
        `${words.toLocaleString()} ${words === 1 ? "word" : "words"}` +
        (words ? ` · ${minutes} min read` : "");
    }

    function say(message) {
      status.textContent = message;
    }

    function stored() {
      try {
        return JSON.parse(localStorage.getItem(storageKey));
      } catch {
        return null;
      }
    }

    function keepInBrowser(synced) {
      try {
        localStorage.setItem(
          storageKey,
          JSON.stringify({ fields: values(), savedAt: Date.now(), synced }),
        );
      } catch {
        // A full or forbidden storage leaves the autosave on the site.
      }
    }

    function schedule() {
      if (timer === null) timer = setTimeout(autosave, interval);
    }

    async function autosave() {
      clearTimeout(timer);
      timer = null;
      const data = values();
      if (same(data, sent) || submitting) return;
      if (!autosaveUrl) {
        say(`Kept in this browser at ${clock(new Date())}: save to keep it on the site`);
        return;
      }
      if (!navigator.onLine) {
        say("Offline: kept in this browser");
        return;
      }
      if (sending) {
        schedule();
        return;
      }
      sending = true;
      say("Saving…");
      const payload = new FormData();
      for (const [name, value] of Object.entries(data)) payload.append(name, value);
      const token = form.elements.csrfmiddlewaretoken.value;
      try {
        const response = await fetch(autosaveUrl, {
          method: "POST",
          body: payload,
          headers: { "X-CSRFToken": token },
          credentials: "same-origin",
          redirect: "manual",
        });
        if (!response.ok) throw new Error(String(response.status));
        const answer = await response.json();
        sent = data;
        if (same(values(), data)) keepInBrowser(true);
        say(`Autosaved at ${answer.saved_at}`);
      } catch (error) {
        say(
          error instanceof TypeError
            ? "Offline: kept in this browser"
            : "Not autosaved (are you still logged in?): kept in this browser",
        );
      } finally {
        sending = false;
      }
      if (!same(values(), sent)) schedule();
    }

    function changed() {
      countWords();
      keepInBrowser(false);
      schedule();
    }

    function offerBrowserCopy() {
      const copy = stored();
      if (!copy || copy.synced || !copy.fields || same(copy.fields, values())) return;
      if (copy.savedAt <= updatedAt) {
        // The page was saved since: the copy is older than what it holds.
        localStorage.removeItem(storageKey);
        return;
      }
      offer.querySelector("[data-writing-time]").textContent = new Date(
        copy.savedAt,
      ).toLocaleString();
      offer.hidden = false;
      offer.querySelector("[data-writing-restore]").addEventListener("click", () => {
        for (const name of names) {
          if (name in copy.fields) form.elements[name].value = copy.fields[name];
        }
        if (editor) editor.commands.setContent(copy.fields.body || "");
        offer.hidden = true;
        changed();
      });
      offer.querySelector("[data-writing-dismiss]").addEventListener("click", () => {
        localStorage.removeItem(storageKey);
        offer.hidden = true;
      });
    }

    form.addEventListener("input", (event) => {
      if (names.includes(event.target.name)) changed();
    });
    // Leaving a field, or the editor, sends what it holds at once; not for
    // a save button, whose save is on its way.
    form.addEventListener("focusout", (event) => {
      const next = event.relatedTarget;
      if (next && next.type === "submit") return;
      if (!same(values(), sent)) autosave();
    });
    window.addEventListener("online", () => {
      if (!same(values(), sent)) autosave();
    });
    window.addEventListener("offline", () => {
      if (!same(values(), sent)) say("Offline: kept in this browser");
    });
    form.addEventListener("submit", (event) => {
      if (!navigator.onLine) {
        event.preventDefault();
        say("Offline: kept in this browser. Save again once back online.");
        return;
      }
      submitting = true;
      // The site gets the text now; a form sent back with an error holds it.
      localStorage.removeItem(storageKey);
    });
    window.addEventListener("beforeunload", (event) => {
      if (!submitting && !same(values(), loaded)) event.preventDefault();
    });

    countWords();
    offerBrowserCopy();
  }
})();
