// Names for the admin's autocomplete boxes (Django's select2: a post's
// author, categories, series and featured image, a category's parent…).
// select2 hides the labelled <select> and shows its own box, whose parts
// have no accessible name: screen readers announce an unnamed combobox or
// search field. Each part is named after the field's own label.
(function () {
  "use strict";

  const jQuery = window.django && window.django.jQuery;
  if (!jQuery || !jQuery.fn.select2) {
    return; // A page without autocomplete boxes.
  }

  function labelId(select) {
    const label = select.id && document.querySelector(`label[for="${select.id}"]`);
    if (!label) {
      return null;
    }
    if (!label.id) {
      label.id = `${select.id}-label`;
    }
    return label.id;
  }

  function name(select) {
    const container = select.nextElementSibling;
    const id = labelId(select);
    if (!id || !container || !container.classList.contains("select2-container")) {
      return;
    }
    const box = container.querySelector(".select2-selection");
    const shown = container.querySelector(".select2-selection__rendered");
    if (box && box.getAttribute("role") === "combobox") {
      // The field's name, then the choice it holds.
      const ids = [id];
      if (shown && shown.id) {
        ids.push(shown.id);
      }
      box.setAttribute("aria-labelledby", ids.join(" "));
    }
    if (shown && shown.getAttribute("role") === "textbox") {
      // The choice is read as part of the combobox's name, not as a field
      // of its own without a name.
      shown.removeAttribute("role");
      shown.removeAttribute("aria-readonly");
    }
    const search = container.querySelector(".select2-search__field");
    if (search) {
      search.setAttribute("aria-labelledby", id);
    }
    hideClear(select);
  }

  function hideClear(select) {
    const container = select.nextElementSibling;
    const clear = container && container.querySelector(".select2-selection__clear");
    if (clear) {
      clear.setAttribute("aria-hidden", "true");
    }
  }

  function nameAll(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(name);
  }

  // After Django's autocomplete.js, which starts select2 when the page is
  // ready and for each inline form added.
  jQuery(() => nameAll(document));
  document.addEventListener("formset:added", (event) => nameAll(event.target));
  // As a list opens: its single choice's search box is made, and the box
  // says which list it shows (aria-controls, which ARIA asks of an open
  // combobox, where select2 gives aria-owns).
  jQuery(document).on("select2:open", (event) => {
    const select = event.target;
    const container = select.nextElementSibling;
    const box = container && container.querySelector(".select2-selection");
    if (box && box.hasAttribute("aria-owns")) {
      box.setAttribute("aria-controls", box.getAttribute("aria-owns"));
    }
    const id = labelId(select);
    const search = document.querySelector(
      ".select2-container--open .select2-search--dropdown .select2-search__field",
    );
    if (id && search) {
      search.setAttribute("aria-labelledby", id);
    }
  });
  // "×", which clears a choice, is a button for the mouse: the keyboard
  // clears with Backspace. It is left out of the box's name.
  jQuery(document).on("change", "select.admin-autocomplete", (event) =>
    hideClear(event.target),
  );
})();
