// The patient's questionnaire: one group of questions at a time, a review, then the answers
// are encrypted here (ChaCha20-Poly1305, @noble/ciphers) with the key from the link's
// fragment and sent; the page then forgets them. No framework; text only through
// textContent, never as HTML.
import { chacha20poly1305 } from "./vendor/noble-ciphers/chacha.js";

const FORMAT = 1;
const AAD_PREFIX = "chairside-intake-v1:";
const NOT_SURE = "not_sure";
const NEVER = "never";

const screen = document.getElementById("screen");
const progress = document.getElementById("progress");
const parts = location.pathname.split("/").filter(Boolean);
const token = parts.length === 2 && parts[0] === "q" ? parts[1] : "";
let key = keyFromFragment(location.hash.slice(1));
let form = null;
let answers = {};
let guardian = { name: "", relation: "" };
let step = 0; // 0 intro, then the guardian (when asked), the groups, the review

function keyFromFragment(text) {
  try {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const raw = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
    return bytes.length === 32 ? bytes : null;
  } catch (e) {
    return null;
  }
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "text") node.textContent = value;
    else if (name === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function words(name, values = {}) {
  return form.page[name].replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

function show(nodes, label) {
  screen.replaceChildren(...nodes);
  const heading = screen.querySelector("h1, h2");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
  progress.textContent = label || "";
  window.scrollTo(0, 0);
}

function plain(message) {
  screen.replaceChildren(el("p", { class: "error", role: "alert", text: message }));
  progress.textContent = "";
}

// -- screens ------------------------------------------------------------------------------

function steps() {
  const list = ["intro"];
  if (form.guardian) list.push("guardian");
  form.groups.forEach((g, i) => list.push(i));
  list.push("review");
  return list;
}

function render() {
  const current = steps()[step];
  if (current === "intro") return renderIntro();
  if (current === "guardian") return renderGuardian();
  if (current === "review") return renderReview();
  return renderGroup(current);
}

function go(delta) {
  step = Math.max(0, Math.min(steps().length - 1, step + delta));
  render();
}

function nav(nextLabel, onNext, withBack = true) {
  return el(
    "div",
    { class: "actions" },
    withBack ? el("button", { type: "button", id: "back", text: words("back"), on: { click: () => go(-1) } }) : null,
    el("button", { type: "button", class: "primary", id: "next", text: nextLabel, on: { click: onNext } }),
  );
}

function renderIntro() {
  show([
    el("h1", { text: words("title") }),
    el("p", { text: words("intro", { clinic: form.clinic }) }),
    el("p", { class: "intro", text: words("private") }),
    nav(words("start"), () => go(1), false),
  ]);
}

function renderGuardian() {
  const field = (name, label) =>
    el(
      "label",
      { class: "field" },
      el("span", { text: label }),
      el("input", {
        type: "text", name, id: `guardian-${name}`, autocomplete: name === "name" ? "name" : "off",
        maxlength: "120", value: guardian[name],
        on: { input: (e) => { guardian[name] = e.target.value; } },
      }),
    );
  show([
    el("h2", { text: words("guardian_title") }),
    el("p", { class: "intro", text: words("guardian_intro") }),
    field("name", words("guardian_name")),
    field("relation", words("guardian_relation")),
    nav(words("next"), () => go(1)),
  ]);
}

function choiceButtons(question, values, stacked) {
  const box = el("div", { class: stacked ? "choices stack" : "choices" });
  for (const [value, label] of values) {
    const input = el("input", {
      type: "radio", name: question.id, value, checked: answers[question.id] === value,
      on: { change: () => { answers[question.id] = value; if (question.kind === "date") clearWhen(question.id); } },
    });
    box.append(el("label", { class: "choice" }, input, el("span", { text: label })));
  }
  return box;
}

function clearWhen(id) {
  for (const select of screen.querySelectorAll(`select[data-question="${id}"]`)) select.value = "";
}

function dateFields(question) {
  const now = new Date();
  const given = /^(\d{4})-(\d{2})$/.exec(answers[question.id] || "");
  const monthNames = new Intl.DateTimeFormat(form.language, { month: "long" });
  const month = el("select", { "data-question": question.id, "data-part": "month", "aria-label": `${words("month")}` },
    el("option", { value: "", text: "—" }));
  for (let m = 1; m <= 12; m++) {
    month.append(el("option", { value: String(m).padStart(2, "0"), text: monthNames.format(new Date(2000, m - 1, 15)) }));
  }
  const year = el("select", { "data-question": question.id, "data-part": "year", "aria-label": `${words("year")}` },
    el("option", { value: "", text: "—" }));
  for (let y = now.getFullYear(); y >= now.getFullYear() - 80; y--) year.append(el("option", { value: String(y), text: String(y) }));
  if (given) { year.value = given[1]; month.value = given[2]; }
  const update = () => {
    const thisYear = year.value === String(now.getFullYear());
    for (const option of month.options) option.disabled = thisYear && option.value !== "" && Number(option.value) > now.getMonth() + 1;
    if (month.selectedOptions[0] && month.selectedOptions[0].disabled) month.value = "";
    if (month.value || year.value) {
      for (const radio of screen.querySelectorAll(`input[name="${question.id}"]`)) radio.checked = false;
      if (month.value && year.value) answers[question.id] = `${year.value}-${month.value}`;
      else delete answers[question.id];
    }
  };
  month.addEventListener("change", update);
  year.addEventListener("change", update);
  const thisYear = year.value === String(now.getFullYear());
  for (const option of month.options) option.disabled = thisYear && option.value !== "" && Number(option.value) > now.getMonth() + 1;
  return el("div", {},
    el("p", { class: "intro", text: words("when") }),
    el("div", { class: "when" },
      el("label", {}, words("month"), month),
      el("label", {}, words("year"), year)),
  );
}

function renderQuestion(question) {
  const box = el("fieldset", { id: `q-${question.id}` }, el("legend", { text: question.text }));
  if (question.why) box.append(el("p", { class: "why" }, el("b", { text: words("why") + ": " }), question.why));
  if (question.kind === "bool") {
    box.append(choiceButtons(question, [["yes", words("yes")], ["no", words("no")], [NOT_SURE, words("not_sure")]]));
  } else if (question.kind === "date") {
    box.append(dateFields(question));
    box.append(choiceButtons(question, [[NEVER, words("never")], [NOT_SURE, words("not_sure")]]));
  } else {
    const values = question.options.map((o) => [o.id, o.label]);
    values.push([NOT_SURE, words("not_sure")]);
    box.append(choiceButtons(question, values, true));
  }
  return box;
}

function renderGroup(index) {
  const group = form.groups[index];
  const nodes = [el("h2", { text: group.title }), el("p", { class: "intro", text: group.intro })];
  for (const question of group.questions) nodes.push(renderQuestion(question));
  const last = index === form.groups.length - 1;
  nodes.push(nav(last ? words("review") : words("next"), () => go(1)));
  show(nodes, words("part", { n: index + 1, total: form.groups.length }));
}

function answerText(question) {
  const value = answers[question.id];
  if (value === undefined) return null;
  if (value === "yes" || value === "no" || value === NOT_SURE || value === NEVER) return words(value);
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) {
    return new Intl.DateTimeFormat(form.language, { month: "long", year: "numeric" })
      .format(new Date(Number(month[1]), Number(month[2]) - 1, 15));
  }
  const option = question.options.find((o) => o.id === value);
  return option ? option.label : value;
}

function renderReview() {
  const nodes = [el("h1", { text: words("review") }), el("p", { class: "intro", text: words("review_intro") })];
  const box = el("div", { class: "review" });
  if (form.guardian) {
    box.append(
      el("h2", {}, el("span", { text: words("guardian_title") }),
        el("button", { type: "button", text: words("change"), on: { click: () => { step = steps().indexOf("guardian"); render(); } } })),
      el("dl", {},
        el("dt", { text: words("guardian_name") }), el("dd", { text: guardian.name || words("not_answered"), class: guardian.name ? null : "none" }),
        el("dt", { text: words("guardian_relation") }), el("dd", { text: guardian.relation || words("not_answered"), class: guardian.relation ? null : "none" })),
    );
  }
  form.groups.forEach((group, index) => {
    const list = el("dl");
    for (const question of group.questions) {
      const text = answerText(question);
      list.append(el("dt", { text: question.text }), el("dd", { class: text ? null : "none", text: text || words("not_answered") }));
    }
    box.append(
      el("h2", {}, el("span", { text: group.title }),
        el("button", { type: "button", "data-group": group.id, text: words("change"),
          "aria-label": `${words("change")}: ${group.title}`,
          on: { click: () => { step = steps().indexOf(index); render(); } } })),
      list,
    );
  });
  nodes.push(box);
  const status = el("p", { class: "error", role: "alert", id: "send-status" });
  nodes.push(status);
  nodes.push(nav(words("send"), (event) => send(event.target, status)));
  show(nodes);
}

// -- sending ------------------------------------------------------------------------------

function deviceKind() {
  const ua = navigator.userAgent;
  const tablet = /iPad|Tablet/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1) ||
    (/Android/.test(ua) && !/Mobile/.test(ua));
  if (tablet) return "tablet";
  return /Mobi|iPhone|Android/.test(ua) ? "phone" : "computer";
}

function seal(plaintext) {
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const aad = new TextEncoder().encode(AAD_PREFIX + token);
  const sealed = chacha20poly1305(key, nonce, aad).encrypt(plaintext);
  const message = new Uint8Array(1 + nonce.length + sealed.length);
  message[0] = FORMAT;
  message.set(nonce, 1);
  message.set(sealed, 1 + nonce.length);
  return message;
}

function forget() {
  answers = {};
  guardian = { name: "", relation: "" };
  key = null;
  form = { ...form, groups: [] };
  // The link (with its key) leaves the address bar and the history entry.
  history.replaceState(null, "", "/");
}

async function send(button, status) {
  button.disabled = true;
  button.textContent = words("sending");
  status.textContent = "";
  const payload = {
    language: form.language,
    version: form.version,
    device: deviceKind(),
    answers,
    guardian: form.guardian ? guardian : null,
  };
  try {
    const body = seal(new TextEncoder().encode(JSON.stringify(payload)));
    const response = await fetch(`/q/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream" },
      body,
      cache: "no-store",
      credentials: "omit",
      referrerPolicy: "no-referrer",
    });
    const reply = await response.json().catch(() => ({}));
    if (!response.ok || !reply.ok) throw new Error(reply.error || "error_send");
    const thanks = [el("h1", { text: words("thanks_title") }), el("p", { class: "done", role: "status", text: words("thanks") })];
    forget();
    show(thanks);
  } catch (error) {
    const name = error && error.message in form.page ? error.message : "error_send";
    status.textContent = words(name);
    button.disabled = false;
    button.textContent = words("send");
  }
}

// -- start --------------------------------------------------------------------------------

async function start() {
  let reply;
  try {
    reply = await fetch(`/q/${token}/form`, { cache: "no-store", credentials: "omit" });
  } catch (e) {
    plain("The questionnaire could not be loaded. Please ask the clinic.");
    return;
  }
  const data = await reply.json().catch(() => null);
  if (!reply.ok || !data || !data.page) {
    plain((data && data.message) || "This link does not work. Please ask the clinic for a new one.");
    return;
  }
  form = data;
  document.documentElement.lang = form.language;
  document.documentElement.dir = form.dir;
  document.title = `${form.page.title} · ${form.clinic}`;
  document.getElementById("clinic").textContent = form.clinic;
  if (!key) {
    plain(words("error_link"));
    return;
  }
  render();
}

start();
