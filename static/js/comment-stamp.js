// Pages are shared between readers, so the comment form arrives without its
// time stamp: it is fetched when the reader starts writing, and the server
// then knows how long the comment took. Without JavaScript the server asks
// the sender to confirm instead (see posts.comment_submission).
(function () {
  "use strict";

  function ready() {
    var form = document.getElementById("commentform");
    if (!form) return;
    var issued = form.querySelector("input[name=issued]");
    if (!issued) return;
    var fetching = false;

    function stamp() {
      if (issued.value || fetching) return;
      fetching = true;
      fetch(form.dataset.stampUrl, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (body) {
          if (!issued.value) issued.value = body.issued;
        })
        .catch(function () {
          // Offline or refused: the server asks to confirm on sending.
        })
        .finally(function () {
          fetching = false;
        });
    }

    form.addEventListener("focusin", stamp);
    form.addEventListener("input", stamp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
