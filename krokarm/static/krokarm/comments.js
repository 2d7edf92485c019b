/*
 * Comment forms, enhanced: "x tecken kvar" under each comment textarea (data-comment-limit).
 *
 * The page works without this script: the form shows "Högst 300 tecken." and the server refuses a
 * longer text with a message, keeping what was written. Characters are counted as the server counts
 * them (comments/models.py): grapheme clusters after removing bidirectional overrides, trimming and NFC,
 * so "å" is one whether typed as one code point or as "a" and a combining ring, and so is an emoji with
 * a skin tone. Browsers without Intl.Segmenter (Firefox before 125) count code points less combining
 * marks and joiners: the same for Swedish text, a little more than the server for emoji. There is no
 * maxlength: it would cut pasted text without a word.
 *
 * The visible counter follows every keystroke but is hidden from screen readers; a polite live region
 * speaks only when the count passes 50, 20 and 0 left (and when it goes over), not at every key.
 * No inline code: the page's CSP forbids it.
 */
(function () {
  "use strict";

  var THRESHOLDS = [50, 20, 0];

  var BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
  var segmenter = typeof Intl === "object" && Intl.Segmenter ? new Intl.Segmenter("sv", { granularity: "grapheme" }) : null;
  var attached = null;
  try {
    attached = new RegExp("[\\p{M}\\u200D]", "u");
  } catch (e) {
    attached = null;
  }

  function count(text) {
    text = text.replace(BIDI_CONTROLS, "").trim();
    var normal = typeof text.normalize === "function" ? text.normalize("NFC") : text;
    if (segmenter) {
      return Array.from(segmenter.segment(normal)).length;
    }
    return Array.from(normal).filter(function (c) {
      return !(attached && attached.test(c));
    }).length;
  }

  // The words come from the textarea's data-left/-over attributes, translated by the template; "%(n)s" is the number.
  function message(textarea, left) {
    var n = Math.abs(left);
    var key = (left >= 0 ? "data-left" : "data-over") + (n === 1 ? "-one" : "");
    var fallback = left >= 0 ? "%(n)s tecken kvar" : "%(n)s tecken för mycket";
    return (textarea.getAttribute(key) || fallback).replace("%(n)s", String(n));
  }

  // The lowest threshold the count has reached (Infinity above them all, -1 when over the limit).
  function band(left) {
    if (left < 0) {
      return -1;
    }
    var reached = Infinity;
    THRESHOLDS.forEach(function (limit) {
      if (left <= limit) {
        reached = limit;
      }
    });
    return reached;
  }

  function enhance(textarea) {
    var limit = parseInt(textarea.getAttribute("data-comment-limit"), 10);
    if (!limit || !Array.from) {
      return;
    }
    var counter = document.createElement("p");
    counter.className = "comment-counter";
    counter.id = textarea.id + "-counter";
    counter.setAttribute("aria-hidden", "true");
    var live = document.createElement("p");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", live);
    textarea.insertAdjacentElement("afterend", counter);
    var lastBand = band(limit - count(textarea.value));

    function update(announce) {
      var left = limit - count(textarea.value);
      counter.textContent = message(textarea, left);
      counter.classList.toggle("over", left < 0);
      var now = band(left);
      if (announce && now !== lastBand && now < lastBand) {
        live.textContent = message(textarea, left);
      }
      lastBand = now;
    }

    textarea.addEventListener("input", function () {
      update(true);
    });
    update(false);
  }

  Array.prototype.forEach.call(document.querySelectorAll("textarea[data-comment-limit]"), enhance);
})();
