/*
 * The question page, enhanced: the answer follows the question as the user types.
 *
 * The page works without this script. With it, typing (paused for DELAY ms, at least MIN_LENGTH
 * characters) or choosing who asks or where fetches the same page with `partial=1`, which the
 * server renders as the answer fragment only (krokarm/wayin/templates/wayin/_answer.html), and
 * swaps it in. The address follows, so it can be shared; the button still submits the form.
 * Screen readers hear the fragment's one-sentence summary through a polite live region, not the
 * whole answer, and focus stays where the user is. No inline code: the page's CSP forbids it.
 */
(function () {
  "use strict";

  var DELAY = 300;
  var MIN_LENGTH = 3;

  var form = document.querySelector("form[data-live-answer]");
  if (!form || !window.fetch || !window.AbortController || !window.URLSearchParams || !window.FormData) {
    return;
  }
  var area = document.getElementById(form.getAttribute("data-live-answer"));
  var status = document.getElementById("answer-status");
  var question = form.elements.namedItem("q");
  if (!area || !status || !question) {
    return;
  }
  var timer = null;
  var controller = null;
  var last = query(); // what the page already shows an answer for

  function query() {
    return new URLSearchParams(new FormData(form)).toString();
  }

  function each(nodes, callback) {
    Array.prototype.forEach.call(nodes, callback);
  }

  function update() {
    window.clearTimeout(timer);
    var params = query();
    if (question.value.trim().length < MIN_LENGTH || params === last) {
      return;
    }
    last = params;
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    var address = form.action.split("?")[0] + "?" + params;
    window
      .fetch(address + "&partial=1", { signal: controller.signal, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        show(html);
        window.history.replaceState(window.history.state, "", address);
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          last = null; // try again on the next change; until then the button still works
        }
      });
  }

  function show(html) {
    area.innerHTML = html;
    // The fragment now says what is wrong, if anything: what the page was loaded with is stale.
    each(document.querySelectorAll(".error-summary, .errorlist"), function (element) {
      if (!area.contains(element)) {
        element.hidden = true;
      }
    });
    var invalid = {};
    each(area.querySelectorAll("[data-field]"), function (link) {
      invalid[link.getAttribute("data-field")] = true;
    });
    each(form.elements, function (field) {
      if (!field.name) {
        return;
      }
      if (invalid[field.name]) {
        field.setAttribute("aria-invalid", "true");
      } else {
        field.removeAttribute("aria-invalid");
      }
    });
    var summary = area.querySelector("[data-summary]");
    status.textContent = summary ? summary.getAttribute("data-summary").trim() : "";
  }

  question.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, DELAY);
  });
  form.addEventListener("change", function (event) {
    if (event.target !== question) {
      update();
    }
  });
  form.addEventListener("submit", function () {
    window.clearTimeout(timer);
    if (controller) {
      controller.abort();
    }
  });
})();
