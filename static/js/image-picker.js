// "Insert image" for the body editor: a button under each editor opens a
// dialog listing the media library (the admin's image picker); choosing a
// picture inserts it where the cursor is, in a figure with its caption.
// Pages then show it in every size (posts.media.markup).
(function () {
  "use strict";

  const pickerUrl = window.location.pathname.replace(
    /\/posts\/(post|page)\/.*$/,
    "/posts/image/picker/",
  );

  function figureHtml(pick) {
    const figure = document.createElement("figure");
    const image = document.createElement("img");
    image.setAttribute("src", pick.dataset.src);
    image.setAttribute("alt", pick.dataset.alt);
    figure.append(image);
    if (pick.dataset.caption) {
      const caption = document.createElement("figcaption");
      caption.textContent = pick.dataset.caption;
      figure.append(caption);
    }
    return figure.outerHTML;
  }

  function openPicker(editor, opener) {
    const dialog = document.createElement("dialog");
    dialog.className = "library-dialog";
    dialog.setAttribute("aria-labelledby", "library-dialog-title");
    const title = document.createElement("h2");
    title.id = "library-dialog-title";
    title.textContent = "Insert an image from the library";
    const body = document.createElement("div");
    body.className = "library-body";
    body.setAttribute("aria-live", "polite");
    const close = document.createElement("button");
    close.type = "button";
    close.className = "button library-close";
    close.textContent = "Close";
    dialog.append(title, body, close);
    document.body.append(dialog);

    function load(query) {
      const address = query ? `${pickerUrl}?q=${encodeURIComponent(query)}` : pickerUrl;
      body.textContent = "Loading…";
      fetch(address, { credentials: "same-origin" })
        .then((response) => {
          if (!response.ok) throw new Error(response.statusText);
          return response.text();
        })
        .then((html) => {
          body.innerHTML = html;
          const first = body.querySelector(".library-pick") || body.querySelector("input");
          if (first) first.focus();
        })
        .catch(() => {
          body.textContent = "The library could not be loaded.";
        });
    }

    body.addEventListener("click", (event) => {
      const pick = event.target.closest(".library-pick");
      if (!pick) return;
      editor.chain().focus().insertContent(figureHtml(pick)).run();
      dialog.close();
    });
    body.addEventListener("submit", (event) => {
      event.preventDefault();
      load(event.target.elements.q.value);
    });
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      dialog.remove();
      opener.focus();
    });
    dialog.showModal();
    load("");
  }

  document.addEventListener("prose-editor:ready", (event) => {
    const { editor, textarea } = event.detail;
    const opener = document.createElement("button");
    opener.type = "button";
    opener.className = "button library-open";
    opener.textContent = "Insert image from the library";
    opener.addEventListener("click", () => openPicker(editor, opener));
    const wrapper = textarea.closest(".prose-editor") || textarea;
    wrapper.after(opener);
  });
})();
