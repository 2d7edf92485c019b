// The banner that confirms an action or says why it failed (base.html's .messages, role="alert") takes focus when
// the page loads, so a screen reader reads it at once and a keyboard user goes on from there.
(function () {
  "use strict";
  const banner = document.querySelector(".messages[tabindex]");
  if (banner) {
    banner.focus();
  }
})();
