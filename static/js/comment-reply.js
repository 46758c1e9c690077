// Moves the comment form under the comment being replied to, without a
// reload. Without JavaScript the Reply links reload the page with
// ?replytocom=, which puts the form in the same place.
(function () {
  "use strict";

  function ready() {
    var respond = document.getElementById("respond");
    if (!respond) return;
    var form = respond.querySelector("form");
    var parentInput = form.querySelector("input[name=parent]");
    var title = document.getElementById("reply-title");
    var cancel = document.getElementById("cancel-comment-reply-link");
    var titleText = title.firstChild;
    var originalTitle = "Leave a reply";
    // Where the form goes back to when the reply is cancelled.
    var home = document.createElement("div");
    home.id = "respond-home";
    home.hidden = true;
    document.getElementById("comments").appendChild(home);
    if (!respond.closest(".comment")) home.after(respond);

    function moveTo(link) {
      var comment = link.closest(".comment");
      comment.querySelector(".comment-body").after(respond);
      parentInput.value = link.dataset.commentId;
      titleText.nodeValue = "Reply to " + link.dataset.author + " ";
      cancel.hidden = false;
      form.querySelector("textarea").focus();
    }

    function moveBack() {
      home.after(respond);
      parentInput.value = "";
      titleText.nodeValue = originalTitle + " ";
      cancel.hidden = true;
    }

    document.addEventListener("click", function (event) {
      var link = event.target.closest(".comment-reply-link");
      if (link) {
        event.preventDefault();
        moveTo(link);
        return;
      }
      if (event.target.closest("#cancel-comment-reply-link")) {
        event.preventDefault();
        moveBack();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
