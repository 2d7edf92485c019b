// Warns a signed-in user two minutes before an idle session ends, and lets them continue.
// The server ends a session after SESSION_COOKIE_AGE seconds without a request; <body> carries the seconds
// left (data-session-seconds) and the warning time (data-session-warning). The dialog's markup and text are
// in base.html, so it is translated like every other page; without JavaScript its forms still work.
(function () {
  "use strict";
  const body = document.body;
  const dialog = document.getElementById("session-warning");
  const seconds = Number(body.dataset.sessionSeconds);
  if (!dialog || !seconds || typeof dialog.showModal !== "function") {
    return;
  }
  const warning = Number(body.dataset.sessionWarning || 120);
  const loginUrl = body.dataset.sessionLoginUrl;
  const extendForm = dialog.querySelector("form.session-extend");
  const logoutForm = dialog.querySelector("form.session-logout");
  const STORAGE_KEY = "krokarm-session-deadline";
  let timer = null;

  // Another tab's requests slide the same session: the tabs share the latest deadline.
  function readDeadline() {
    try {
      return Number(window.localStorage.getItem(STORAGE_KEY)) || 0;
    } catch (error) {
      return 0;
    }
  }
  function writeDeadline(deadline) {
    try {
      window.localStorage.setItem(STORAGE_KEY, String(deadline));
    } catch (error) {
      // Private browsing may refuse storage: each tab then keeps its own clock.
    }
  }

  let deadline = Date.now() + seconds * 1000;
  writeDeadline(deadline);

  function schedule() {
    window.clearTimeout(timer);
    deadline = Math.max(deadline, readDeadline());
    const left = deadline - Date.now();
    if (left <= 0) {
      signedOut();
    } else if (left <= warning * 1000) {
      warn();
      timer = window.setTimeout(schedule, Math.min(left, 1000 * 15));
    } else {
      if (dialog.open) {
        dialog.close();
      }
      timer = window.setTimeout(schedule, left - warning * 1000);
    }
  }

  function warn() {
    if (!dialog.open) {
      dialog.showModal();
      const heading = dialog.querySelector("h2");
      if (heading) {
        heading.focus();
      }
    }
  }

  // The session has ended (or is about to, if the clocks differ): sign out for certain, then show the sign-in
  // page, which brings the user back here.
  function signedOut() {
    window.clearTimeout(timer);
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    const target = loginUrl ? `${loginUrl}?next=${next}` : window.location.href;
    const form = logoutForm;
    const token = form ? form.querySelector("input[name=csrfmiddlewaretoken]") : null;
    if (!form || !token) {
      window.location.assign(target);
      return;
    }
    fetch(form.action, { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": token.value } })
      .catch(() => null)
      .then(() => window.location.assign(target));
  }

  function extended(secondsLeft) {
    deadline = Date.now() + secondsLeft * 1000;
    writeDeadline(deadline);
    dialog.close();
    schedule();
  }

  if (extendForm) {
    extendForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const token = extendForm.querySelector("input[name=csrfmiddlewaretoken]");
      fetch(extendForm.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
      })
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then((data) => extended(Number(data.seconds_left) || seconds))
        .catch(signedOut);
    });
  }
  window.addEventListener("storage", (event) => {
    if (event.key === STORAGE_KEY) {
      schedule();
    }
  });
  schedule();
})();
