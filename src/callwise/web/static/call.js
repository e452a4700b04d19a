// The call guide as a stepper (issue 7): one stage at a time, the branch chosen by who
// answered (P2.3, P10.1), Back/Next, and the voicemail timer (P10.2). Without this script the
// page is one long form that posts the same fields.
(function () {
  "use strict";
  var form = document.getElementById("call-form");
  if (!form) return;
  var stages = Array.prototype.slice.call(form.querySelectorAll(".call-stage"));
  var byName = {};
  stages.forEach(function (s) { byName[s.dataset.stage] = s; });
  var links = Array.prototype.slice.call(form.querySelectorAll("[data-step-link]"));
  var branch = "";
  var throughGatekeeper = false;
  var current = "answer";

  function path() {
    var names = ["answer"];
    var wanted = branch === "gatekeeper" ? ["gatekeeper"] : branch ? [branch] : [];
    if (branch === "gatekeeper" && throughGatekeeper) wanted.push("answered");
    stages.forEach(function (s) {
      var of = s.dataset.branchOf;
      if (of && wanted.indexOf(of) >= 0) names.push(s.dataset.stage);
    });
    if (branch) names.push("outcome");
    return names;
  }

  function show(name, focus) {
    var steps = path();
    if (steps.indexOf(name) < 0) name = steps[0];
    current = name;
    stages.forEach(function (s) { s.hidden = s.dataset.stage !== name; });
    links.forEach(function (a) {
      var step = a.dataset.stepLink;
      a.parentNode.hidden = steps.indexOf(step) < 0;
      if (step === name) a.setAttribute("aria-current", "step");
      else a.removeAttribute("aria-current");
    });
    var at = steps.indexOf(name);
    var stage = byName[name];
    var back = stage.querySelector('[data-step="back"]');
    var next = stage.querySelector('[data-step="next"]');
    if (back) back.hidden = at <= 0;
    if (next) next.hidden = at >= steps.length - 1 || !branch;
    markOutcomes();
    if (name === "voicemail") timer.start(); else timer.pause();
    if (focus) {
      // The stage's words fill the screen from the top (issue 15); its dock is pinned below.
      stage.scrollIntoView({ block: "start" });
      var heading = stage.querySelector("h2");
      if (heading) heading.focus({ preventScroll: true });
    }
  }

  function step(delta) {
    var steps = path();
    var at = steps.indexOf(current) + delta;
    if (at >= 0 && at < steps.length) show(steps[at], true);
  }

  function choose(value) {
    branch = value;
    throughGatekeeper = false;
    var steps = path();
    show(steps[1] || "answer", true);
  }

  // The outcome buttons that fit the branch come first and stand out.
  function markOutcomes() {
    form.querySelectorAll('button[name="outcome"]').forEach(function (b) {
      var fits = branch && (b.dataset.for || "").split(" ").indexOf(branch) >= 0;
      b.classList.toggle("primary", !!fits);
      b.classList.toggle("fits", !!fits);
    });
  }

  // The voicemail timer: counts up from the beep to the recommended length (P10.2). The
  // count itself has role=timer (not announced); the status line speaks only at milestones.
  var timer = (function () {
    var box = document.getElementById("voicemail-timer");
    if (!box) return { start: function () {}, pause: function () {} };
    var limit = parseInt(box.dataset.limit, 10) || 30;
    var count = box.querySelector(".timer-count");
    var fill = box.querySelector(".timer-fill");
    var say = box.querySelector(".timer-say");
    var toggle = box.querySelector('[data-timer="toggle"]');
    var seconds = 0, handle = null, said = {};
    box.hidden = false;
    function draw() {
      count.textContent = seconds + " s";
      fill.style.width = Math.min(100, (100 * seconds) / limit) + "%";
      box.classList.toggle("over", seconds >= limit);
      var mark = seconds >= limit ? "over" : seconds === limit - 10 ? "soon" : "";
      if (mark && !said[mark]) {
        said[mark] = true;
        say.textContent = mark === "over" ? limit + " seconds: wrap up now." : "10 seconds left.";
      }
    }
    function tick() { seconds += 1; draw(); }
    function start() {
      if (handle) return;
      handle = window.setInterval(tick, 1000);
      toggle.textContent = "Pause";
    }
    function pause() {
      if (!handle) return;
      window.clearInterval(handle);
      handle = null;
      toggle.textContent = "Resume";
    }
    toggle.addEventListener("click", function () { if (handle) pause(); else start(); });
    box.querySelector('[data-timer="restart"]').addEventListener("click", function () {
      seconds = 0; said = {}; say.textContent = ""; draw(); start();
    });
    draw();
    return { start: start, pause: pause };
  })();

  // Who answered: a click or a tap chooses and goes on; in the radio group the arrow keys
  // only move between the choices (the browser checks each one it passes) and Enter or
  // Space chooses the checked one (issue 15).
  var arrowing = false;
  var answers = form.querySelector("fieldset.branches");
  var ARROWS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Up", "Down", "Left", "Right"];
  form.querySelectorAll("[data-branch]").forEach(function (input) {
    input.addEventListener("click", function () {
      if (arrowing) {
        branch = input.dataset.branch;
        throughGatekeeper = false;
        show("answer", false);
        input.focus();
        return;
      }
      choose(input.dataset.branch);
    });
  });
  if (answers) {
    answers.addEventListener("keydown", function (event) {
      arrowing = ARROWS.indexOf(event.key) >= 0;
      var picked = event.target.closest("[data-branch]");
      if (picked && (event.key === "Enter" || (event.key === " " && picked.checked))) {
        event.preventDefault();
        picked.checked = true;
        choose(picked.dataset.branch);
      }
    });
    answers.addEventListener("keyup", function () { arrowing = false; });
  }
  form.querySelectorAll(".stage-nav, .through, .suggest, .stage-finish").forEach(function (el) { el.hidden = false; });
  form.querySelectorAll(".nojs-hint").forEach(function (el) { el.hidden = true; });
  form.querySelectorAll(".js-hint").forEach(function (el) { el.hidden = false; });
  form.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) return;
    if (target.dataset.step === "next") step(1);
    else if (target.dataset.step === "back") step(-1);
    else if (target.dataset.goto === "answered") {
      throughGatekeeper = true;
      step(1);
    } else if (target.dataset.fill) {
      var field = document.getElementById(target.dataset.fill);
      if (field) { field.value = target.dataset.value; field.focus(); }
    }
  });
  links.forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      show(a.dataset.stepLink, true);
    });
  });
  form.classList.add("stepper");

  // Back from a refused save: the branch that was chosen, at the stage with the error.
  var checked = form.querySelector("[data-branch]:checked");
  if (checked) branch = checked.dataset.branch;
  var invalid = form.querySelector('.invalid, [aria-invalid="true"]');
  var start = invalid ? invalid.closest(".call-stage") : null;
  if (start && !branch) branch = "answered";
  show(start ? start.dataset.stage : "answer", false);
  if (invalid) {
    var input = invalid.matches("input, textarea, select") ? invalid : invalid.querySelector("input, textarea, select, button");
    if (input) input.focus();
  }
})();
