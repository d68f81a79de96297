// Sembrar offline field entry.
//
// On every page: registers the service worker (sw.js) that keeps the field-entry page and the app
// shell on the device, and warns before signing out while entries still wait to be sent.
//
// On the field-entry page (/field, the element #field-app): keeps the households, plots and
// agreements of the monitor's communities on the device (IndexedDB), saves each visit entered
// there at once with an id made on the device, lists the entries with their sync state, and
// sends them to /api/v1/field/sync when a connection returns. The server stores each entry once
// (by its id), answers refusals with their reasons and changes made meanwhile as conflicts; the
// entries stay on the device until they are sent, and are never deleted without the user asking.
//
// Every text shown comes from the page (data-strings, data-options), translated by the server.

const DB_NAME = "sembrar-field";
const DB_VERSION = 1;
const SYNC_URL = "/api/v1/field/sync";
const BUNDLE_URL = "/api/v1/field/bundle";
const BATCH = 50;
const RETRY_MS = 20000;

// ------------------------------------------------------------------ IndexedDB

let dbPromise = null;

function openDb() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      if (!("indexedDB" in self)) {
        reject(new Error("no IndexedDB"));
        return;
      }
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains("entries")) {
          const entries = db.createObjectStore("entries", { keyPath: "client_id" });
          entries.createIndex("user_id", "user_id");
        }
        if (!db.objectStoreNames.contains("bundles")) db.createObjectStore("bundles", { keyPath: "user_id" });
        if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta", { keyPath: "key" });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error("blocked"));
    });
    dbPromise.catch(() => { dbPromise = null; });
  }
  return dbPromise;
}

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function store(name, mode) {
  const db = await openDb();
  return db.transaction(name, mode).objectStore(name);
}

async function allEntries() {
  return done((await store("entries", "readonly")).getAll());
}

// Writes an entry and resolves only once the transaction is committed (on disk).
async function putEntry(entry) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction("entries", "readwrite", { durability: "strict" });
    tx.objectStore("entries").put(entry);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("aborted"));
  });
}

async function deleteEntry(clientId) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction("entries", "readwrite");
    tx.objectStore("entries").delete(clientId);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

async function getMeta(key) {
  const row = await done((await store("meta", "readonly")).get(key));
  return row ? row.value : null;
}

async function setMeta(key, value) {
  return done((await store("meta", "readwrite")).put({ key, value }));
}

async function getBundle(userId) {
  if (userId == null) return null;
  return done((await store("bundles", "readonly")).get(userId));
}

async function putBundle(bundle) {
  return done((await store("bundles", "readwrite")).put(bundle));
}

function isWaiting(entry) {
  return entry.state !== "sent";
}

// ------------------------------------------------------------------ every page

function registerWorker() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
}

// Signing out with entries still waiting asks first; the entries stay on the device either way
// and are sent when their account signs in here again.
function guardSignOut() {
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (new URL(form.action, location.href).pathname !== "/logout") return;
    if (form.dataset.confirmed === "true") return;
    event.preventDefault();
    event.stopImmediatePropagation();
    (async () => {
      let waiting = 0;
      try {
        waiting = (await allEntries()).filter(isWaiting).length;
      } catch (_) {
        waiting = 0;
      }
      if (waiting > 0) {
        const text = (form.dataset.waitingWarning || "{count}").replace("{count}", String(waiting));
        if (!window.confirm(text)) return;
      }
      if (navigator.serviceWorker && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage("signed-out");
      }
      form.dataset.confirmed = "true";
      form.submit();
    })();
  }, true);
}

// ------------------------------------------------------------------ small DOM helpers

function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") element.className = value;
    else if (name === "text") element.textContent = value;
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

function newEntryId() {
  if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function today() {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 10);
}

function number(text) {
  const trimmed = String(text || "").trim().replace(",", ".");
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : NaN;
}

// ------------------------------------------------------------------ the field-entry page

class FieldApp {
  constructor(root) {
    this.root = root;
    this.s = JSON.parse(root.dataset.strings || "{}");
    this.o = JSON.parse(root.dataset.options || "{}");
    this.locale = root.dataset.locale || document.documentElement.lang || "en";
    this.userId = null;
    this.bundle = null;
    this.entries = [];
    this.syncing = false;
    this.again = false;
    this.lastSync = null;
    this.persisted = null;
    this.signedOut = false;
    this.problem = null;
    this.notice = null;
    this.swVersion = null;
    this.form = null;
    // What the lists were last drawn from: they are drawn again only when it changed, so that
    // a button being pressed is never replaced under the finger.
    this.bundleRevision = 0;
    this.drawnBundle = -1;
    this.drawnEntries = null;
  }

  t(key, values) {
    const text = this.s[key] || key;
    return values ? fill(text, values) : text;
  }

  name(list, code) {
    const found = (this.o[list] || []).find((pair) => pair[0] === code);
    return found ? found[1] : code;
  }

  online() {
    return navigator.onLine;
  }

  mine() {
    return this.entries.filter((e) => e.user_id === this.userId);
  }

  waiting() {
    return this.mine().filter(isWaiting);
  }

  households() {
    const list = [];
    for (const community of (this.bundle && this.bundle.communities) || []) {
      for (const household of community.households) list.push({ community, household });
    }
    return list;
  }

  findHousehold(id) {
    return this.households().find((x) => x.household.id === id) || null;
  }

  async start() {
    this.root.replaceChildren();
    this.statusRegion = h("section", { class: "field-status", "aria-labelledby": "field-status-title" });
    this.formRegion = h("section", { class: "field-form-region", hidden: true, "aria-labelledby": "field-form-title" });
    this.entriesRegion = h("section", { class: "field-entries", "aria-labelledby": "field-entries-title" });
    this.householdsRegion = h("section", { class: "field-households", "aria-labelledby": "field-households-title" });
    this.root.append(this.statusRegion, this.formRegion, this.entriesRegion, this.householdsRegion);
    this.root.dataset.state = "starting";

    try {
      await openDb();
    } catch (_) {
      this.statusRegion.append(h("p", { class: "field-problem", role: "alert", text: this.t("no_storage") }));
      this.root.dataset.state = "no-storage";
      return;
    }
    this.userId = await getMeta("current_user");
    this.lastSync = await getMeta("last_sync");
    this.draft = await getMeta("draft");
    this.bundle = await getBundle(this.userId);
    this.entries = await allEntries();
    // An entry left "sending" when the page closed is sent again: the server stores it once.
    for (const entry of this.entries) {
      if (entry.state === "sending") {
        entry.state = "waiting";
        await putEntry(entry);
      }
    }
    this.render();

    window.addEventListener("online", () => { this.render(); this.refresh(); });
    window.addEventListener("offline", () => this.render());
    this.timer = setInterval(() => {
      if (!this.root.isConnected) { clearInterval(this.timer); return; }
      if (this.waiting().length && this.online()) this.sync();
    }, RETRY_MS);
    this.watchWorker();
    this.askPersistence();
    await this.refresh();
    this.root.dataset.state = "ready";
  }

  async askPersistence() {
    try {
      if (navigator.storage && navigator.storage.persist) {
        this.persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
      } else {
        this.persisted = false;
      }
    } catch (_) {
      this.persisted = false;
    }
    this.renderStatus();
  }

  watchWorker() {
    if (!("serviceWorker" in navigator)) return;
    const ask = () => {
      if (navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage("version");
    };
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "sembrar-version") {
        this.swVersion = event.data.version;
        this.root.dataset.swVersion = this.swVersion;
        this.renderStatus();
      }
    });
    navigator.serviceWorker.addEventListener("controllerchange", ask);
    navigator.serviceWorker.ready.then(ask).catch(() => {});
    ask();
  }

  // Fetches a fresh bundle when there is a connection, then sends what waits.
  async refresh() {
    try {
      const response = await fetch(BUNDLE_URL, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (response.status === 401) {
        this.signedOut = true;
      } else if (response.ok) {
        const bundle = await response.json();
        this.signedOut = false;
        this.userId = bundle.user_id;
        this.bundle = bundle;
        this.bundleRevision += 1;
        await putBundle(bundle);
        await setMeta("current_user", bundle.user_id);
      }
    } catch (_) {
      // No connection: the kept bundle serves.
    }
    this.render();
    await this.sync();
  }

  // ---------------------------------------------------------------- sending

  wire(entry) {
    return {
      client_id: entry.client_id,
      household_id: entry.household_id,
      base_version: entry.base_version || "",
      keep_mine: !!entry.keep_mine,
      visit: Object.assign({}, entry.visit, { client_id: entry.client_id }),
    };
  }

  async sync() {
    if (this.syncing) { this.again = true; return; }
    if (this.signedOut) return;
    const waiting = this.waiting().filter((e) => e.state === "waiting");
    if (!waiting.length) return;
    this.syncing = true;
    this.problem = null;
    this.renderStatus();
    try {
      for (let start = 0; start < waiting.length; start += BATCH) {
        const chunk = waiting.slice(start, start + BATCH);
        for (const entry of chunk) { entry.state = "sending"; await putEntry(entry); }
        let response;
        try {
          response = await fetch(SYNC_URL, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: JSON.stringify({ entries: chunk.map((e) => this.wire(e)) }),
          });
        } catch (_) {
          await this.putBack(chunk);
          break;
        }
        if (response.status === 401) {
          this.signedOut = true;
          await this.putBack(chunk);
          break;
        }
        if (!response.ok) {
          let message = this.t("sync_failed");
          try { message = (await response.json()).error.message || message; } catch (_) { /* keep */ }
          this.problem = message;
          await this.putBack(chunk);
          break;
        }
        const report = await response.json();
        const now = new Date().toISOString();
        for (const result of report.results) {
          const entry = chunk.find((e) => e.client_id === result.client_id);
          if (!entry) continue;
          await this.apply(entry, result, now);
        }
        this.lastSync = now;
        await setMeta("last_sync", now);
      }
    } finally {
      this.syncing = false;
      this.entries = await allEntries();
      this.render();
    }
    if (this.again) { this.again = false; await this.sync(); }
  }

  async putBack(chunk) {
    for (const entry of chunk) { entry.state = "waiting"; await putEntry(entry); }
  }

  async apply(entry, result, now) {
    entry.updated_at = now;
    if (result.outcome === "stored" || result.outcome === "already_stored") {
      entry.state = "sent";
      entry.visit_id = result.visit_id;
      entry.sent_at = now;
      entry.error = null;
      entry.conflict = null;
    } else if (result.outcome === "rejected") {
      entry.state = "rejected";
      entry.error = result.error || { message: this.t("sync_failed"), fields: [] };
    } else if (result.outcome === "conflict") {
      entry.state = "conflict";
      entry.conflict = result.household;
      this.replaceHousehold(result.household);
    }
    await putEntry(entry);
  }

  replaceHousehold(household) {
    if (!this.bundle || !household) return;
    for (const community of this.bundle.communities) {
      const index = community.households.findIndex((x) => x.id === household.id);
      if (index >= 0) community.households[index] = household;
    }
    this.bundleRevision += 1;
    putBundle(this.bundle).catch(() => {});
  }

  // ---------------------------------------------------------------- rendering

  render() {
    if (!this.root.isConnected) return;
    this.renderStatus();
    this.renderEntries();
    this.renderHouseholds();
  }

  // The status region is built once and then only its texts change, so "Send now" stays the
  // same button however often the state moves.
  buildStatus() {
    const value = (field) => h("span", { "data-field": field });
    this.statusValues = {
      connection: value("connection"),
      waiting: value("waiting"),
      lastSync: value("last-sync"),
      storage: value("storage"),
      ready: value("offline-ready"),
      version: value("version"),
    };
    const row = (term, element) => h("div", {}, h("dt", { text: term }), h("dd", {}, element));
    this.versionRow = row(this.t("version"), this.statusValues.version);
    this.versionRow.hidden = true;
    this.statusNotes = h("div", {});
    this.sendButton = h("button", { type: "button", class: "button button--primary", "data-action": "send-now", onclick: () => this.sync() }, this.t("send_now"));
    this.statusRegion.replaceChildren(
      h("h2", { id: "field-status-title", tabindex: "-1", text: this.t("status_heading") }),
      h("div", { "aria-live": "polite" },
        h("dl", { class: "field-status__list" },
          row(this.t("connection"), this.statusValues.connection),
          row(this.t("waiting"), this.statusValues.waiting),
          row(this.t("last_sync"), this.statusValues.lastSync),
          row(this.t("storage"), this.statusValues.storage),
          row(this.t("offline_use"), this.statusValues.ready),
          this.versionRow),
        this.statusNotes),
      this.sendButton);
  }

  renderStatus() {
    if (!this.statusValues) this.buildStatus();
    const waiting = this.waiting().length;
    const others = this.entries.filter((e) => e.user_id !== this.userId && isWaiting(e)).length;
    const online = this.online();
    const ready = !!(navigator.serviceWorker && navigator.serviceWorker.controller);
    this.root.dataset.online = String(online);
    this.root.dataset.waiting = String(waiting);
    this.root.dataset.offlineReady = String(ready);
    this.root.dataset.persisted = String(this.persisted);
    const set = (element, text) => { if (element.textContent !== text) element.textContent = text; };
    const v = this.statusValues;
    set(v.connection, online ? this.t("online") : this.t("offline"));
    v.connection.className = online ? "field-online" : "field-offline";
    set(v.waiting, this.syncing ? this.t("sending") : this.t("waiting_count", { count: waiting }));
    set(v.lastSync, this.lastSync ? new Date(this.lastSync).toLocaleString(this.locale) : this.t("never"));
    set(v.storage, this.persisted === null ? "…" : this.persisted ? this.t("storage_kept") : this.t("storage_may_clear"));
    set(v.ready, ready ? this.t("offline_ready") : this.t("offline_not_ready"));
    if (this.swVersion) { set(v.version, this.swVersion); this.versionRow.hidden = false; }
    this.sendButton.disabled = this.syncing || !waiting || this.signedOut;
    const notes = [];
    if (this.signedOut) {
      notes.push(h("p", { class: "field-problem", role: "alert" }, this.t("signed_out"), " ",
        h("a", { href: "/login?next=%2Ffield", rel: "external", text: this.t("sign_in_again") })));
    }
    if (this.problem) notes.push(h("p", { class: "field-problem", role: "alert", text: this.problem }));
    if (others) notes.push(h("p", { class: "field-hint", text: this.t("other_accounts", { count: others }) }));
    if (this.notice) notes.push(h("p", { class: "field-notice", role: "status", text: this.notice }));
    const draft = this.draft && this.draft.user_id === this.userId && !this.form ? this.draft : null;
    if (draft) {
      notes.push(h("p", { class: "field-notice", "data-field": "draft" }, this.t("draft_kept", { code: draft.household_code }), " ",
        h("button", { type: "button", class: "button button--secondary button--small", "data-action": "continue-draft", onclick: () => this.openForm(draft.household_id, null) }, this.t("continue_draft"))));
    }
    const drawn = [this.signedOut, this.problem, others, this.notice, draft ? draft.household_id : ""].join("|");
    if (drawn !== this.drawnNotes) {
      this.drawnNotes = drawn;
      this.statusNotes.replaceChildren(...notes);
    }
  }

  renderEntries() {
    const mine = this.mine().slice().sort((a, b) => (b.created_at || "").localeCompare(a.created_at || ""));
    const drawn = mine.map((e) => e.client_id + ":" + e.state + ":" + (e.updated_at || "")).join("|") + "@" + this.userId;
    if (drawn === this.drawnEntries) return;
    this.drawnEntries = drawn;
    const sent = mine.filter((e) => e.state === "sent").length;
    const items = mine.map((entry) => this.entryItem(entry));
    const waiting = mine.filter(isWaiting).length;
    this.entriesRegion.replaceChildren(
      h("h2", { id: "field-entries-title", text: this.t("entries_heading") }),
      mine.length ? h("ul", { class: "field-entries__list" }, items) : h("p", { text: this.t("no_entries") }),
      h("div", { class: "field-entries__actions" },
        sent ? h("button", { type: "button", class: "button button--secondary", "data-action": "clear-sent", onclick: () => this.clearSent() }, this.t("clear_sent")) : null,
        waiting ? h("button", { type: "button", class: "button button--secondary", "data-action": "export", onclick: () => this.exportCopy() }, this.t("export_copy")) : null),
      this.copyLink || null,
      h("div", { class: "field" },
        h("label", { for: "field-import", text: this.t("import_copy") }),
        h("p", { class: "hint", id: "field-import-hint", text: this.t("import_hint") }),
        h("input", { id: "field-import", type: "file", accept: "application/json,.json", "aria-describedby": "field-import-hint", onchange: (event) => this.importCopy(event.target) })),
    );
  }

  // A copy of the entries still waiting, as a file the monitor keeps elsewhere (a memory card,
  // a message to oneself): clearing the browser's data then loses nothing.
  exportCopy() {
    const waiting = this.mine().filter(isWaiting);
    const copy = { format: "sembrar-field-entries", version: 1, exported_at: new Date().toISOString(), user_id: this.userId, entries: waiting };
    const blob = new Blob([JSON.stringify(copy, null, 1)], { type: "application/json" });
    if (this.copyUrl) URL.revokeObjectURL(this.copyUrl);
    this.copyUrl = URL.createObjectURL(blob);
    this.copyLink = h("p", { class: "field-notice" },
      h("a", { href: this.copyUrl, download: "sembrar-entries-" + today() + ".json", "data-field": "copy-link", text: this.t("download_copy", { count: waiting.length }) }));
    this.drawnEntries = null;
    this.renderEntries();
    const link = this.entriesRegion.querySelector("[data-field=copy-link]");
    if (link) link.focus();
  }

  async importCopy(input) {
    const file = input.files && input.files[0];
    if (!file) return;
    let copy = null;
    try {
      copy = JSON.parse(await file.text());
    } catch (_) {
      copy = null;
    }
    if (!copy || copy.format !== "sembrar-field-entries" || !Array.isArray(copy.entries)) {
      this.notice = this.t("import_not_a_copy", { name: file.name });
      input.value = "";
      this.renderStatus();
      return;
    }
    const known = new Set(this.entries.map((e) => e.client_id));
    let loaded = 0;
    let already = 0;
    for (const entry of copy.entries) {
      if (!entry || typeof entry.client_id !== "string" || !entry.visit || typeof entry.household_id !== "number") continue;
      if (known.has(entry.client_id)) { already += 1; continue; }
      entry.user_id = this.userId;
      entry.state = entry.state === "sent" ? "sent" : entry.state === "sending" ? "waiting" : entry.state;
      await putEntry(entry);
      loaded += 1;
    }
    input.value = "";
    this.entries = await allEntries();
    this.notice = this.t("import_done", { loaded, already });
    this.render();
    if (this.online()) this.sync();
  }

  entryItem(entry) {
    const stateText = this.t("state_" + entry.state);
    const parts = [
      h("p", { class: "field-entry__title" },
        h("strong", { text: entry.household_code }), " · ", entry.community_name || "", " · ", entry.visit.visited_on),
      h("p", { class: "field-entry__state", "data-field": "state" }, stateText,
        entry.state === "sent" && entry.visit_id ? " " + this.t("visit_number", { id: entry.visit_id }) : ""),
    ];
    const actions = [];
    if (entry.state === "rejected" && entry.error) {
      parts.push(h("p", { class: "field-problem", text: entry.error.message }));
      if (entry.error.fields && entry.error.fields.length) {
        parts.push(h("ul", { class: "field-entry__errors" }, entry.error.fields.map((f) => h("li", {}, this.fieldLabel(f.field) + ": " + f.message))));
      }
    }
    if (entry.state === "conflict" && entry.conflict) {
      parts.push(h("p", { class: "field-problem", text: this.t("conflict_intro") }));
      parts.push(h("ul", { class: "field-entry__changes" }, this.changes(entry.household_copy, entry.conflict).map((c) => h("li", { text: c }))));
      actions.push(h("button", { type: "button", class: "button button--primary", "data-action": "send-as-is", onclick: () => this.sendAsIs(entry) }, this.t("send_as_is")));
    }
    if (entry.state === "waiting" || entry.state === "rejected" || entry.state === "conflict") {
      actions.push(h("button", { type: "button", class: "button button--secondary", "data-action": "correct", onclick: () => this.openForm(entry.household_id, entry) }, this.t("correct")));
      actions.push(h("button", { type: "button", class: "button button--danger", "data-action": "discard", onclick: () => this.discard(entry) }, this.t("discard")));
    }
    return h("li", { class: "field-entry field-entry--" + entry.state, "data-client-id": entry.client_id, "data-state": entry.state },
      parts, actions.length ? h("div", { class: "field-entry__actions" }, actions) : null);
  }

  // What changed on the server, in words, from the device's copy to the server's household.
  changes(before, after) {
    const lines = [];
    if (!before) return [this.t("conflict_changed")];
    if (before.status !== after.status) {
      lines.push(this.t("conflict_status", { from: this.name("household_statuses", before.status), to: this.name("household_statuses", after.status) }));
    }
    if (before.member_total !== after.member_total) {
      lines.push(this.t("conflict_members", { from: before.member_total, to: after.member_total }));
    }
    for (const plot of after.plots) {
      const old = before.plots.find((p) => p.id === plot.id);
      if (!old) lines.push(this.t("conflict_plot_added", { name: plot.name, hectares: plot.hectares }));
      else if (old.name !== plot.name || Number(old.hectares) !== Number(plot.hectares)) {
        lines.push(this.t("conflict_plot_changed", { name: old.name, new_name: plot.name, from: old.hectares, to: plot.hectares }));
      }
    }
    for (const plot of before.plots) {
      if (!after.plots.find((p) => p.id === plot.id)) lines.push(this.t("conflict_plot_removed", { name: plot.name }));
    }
    if (!lines.length) lines.push(this.t("conflict_changed"));
    return lines;
  }

  renderHouseholds() {
    if (this.drawnBundle === this.bundleRevision) return;
    this.drawnBundle = this.bundleRevision;
    const nodes = [h("h2", { id: "field-households-title", text: this.t("households_heading") })];
    if (!this.bundle) {
      nodes.push(h("p", { text: this.t("no_bundle") }));
    } else {
      nodes.push(h("p", { class: "field-hint", text: this.t("bundle_made", { when: new Date(this.bundle.made_at).toLocaleString(this.locale) }) }));
      if (!this.bundle.communities.length) nodes.push(h("p", { text: this.t("no_communities") }));
      for (const community of this.bundle.communities) {
        nodes.push(h("h3", { text: community.name + " — " + community.project_name }));
        if (!community.households.length) {
          nodes.push(h("p", { text: this.t("no_households") }));
          continue;
        }
        nodes.push(h("ul", { class: "field-households__list" }, community.households.map((household) => {
          const details = [
            this.name("household_statuses", household.status),
            this.t("members", { count: household.member_total }),
            this.t("plots_count", { count: household.plots.length }),
          ];
          const agreements = household.agreements.map((a) => h("li", {
            text: this.t("agreement_line", { crop: this.name("illicit_crops", a.crop), committed: a.committed_hectares, verified: a.verified_hectares, date: a.eradicate_by, status: this.name("agreement_statuses", a.status) }),
          }));
          return h("li", { class: "field-household", "data-household-id": household.id },
            h("p", {}, h("strong", { text: household.code }), " · ", details.join(" · ")),
            agreements.length ? h("ul", { class: "field-household__agreements", "aria-label": this.t("agreements") }, agreements) : null,
            h("button", { type: "button", class: "button button--primary button--small", "data-action": "new-visit", "aria-label": this.t("new_visit_for", { code: household.code }), onclick: () => this.openForm(household.id, null) }, this.t("new_visit")));
        })));
      }
      if (this.bundle.left_out_communities) nodes.push(h("p", { class: "field-hint", text: this.t("left_out", { count: this.bundle.left_out_communities }) }));
    }
    this.householdsRegion.replaceChildren(...nodes);
  }

  fieldLabel(field) {
    const match = /^plots\[(\d+)\]\.(\w+)$/.exec(field);
    if (match) return this.t("plot_n", { n: Number(match[1]) + 1 }) + " — " + this.t("f_" + match[2]);
    return this.t("f_" + field);
  }

  // ---------------------------------------------------------------- the form

  select(id, name, list, value, withNone) {
    const options = (withNone ? [["", this.t("none")]] : []).concat(this.o[list] || []);
    return h("select", { id, name }, options.map(([code, label]) => h("option", { value: code, selected: code === value }, label)));
  }

  field(id, label, control, hint) {
    const hintId = hint ? id + "-hint" : null;
    if (hintId) control.setAttribute("aria-describedby", hintId);
    return h("div", { class: "field" },
      h("label", { for: id, text: label }),
      hint ? h("p", { class: "hint", id: hintId, text: hint }) : null,
      control,
      h("p", { class: "field-error", id: id + "-error", hidden: true }));
  }

  input(id, name, value, attrs) {
    return h("input", Object.assign({ id, name, type: "text", value: value || "" }, attrs || {}));
  }

  openForm(householdId, entry) {
    const found = this.findHousehold(householdId);
    if (!found) {
      this.notice = this.t("household_not_on_device");
      this.renderStatus();
      return;
    }
    const { community, household } = found;
    const kept = !entry && this.draft && this.draft.user_id === this.userId && this.draft.household_id === household.id ? this.draft : null;
    const visit = entry ? entry.visit : kept ? kept.visit : null;
    const v = (key, fallback) => (visit && visit[key] !== undefined ? visit[key] : fallback);
    const decimal = { inputmode: "decimal", autocomplete: "off" };
    const plotRows = household.plots.map((plot, i) => {
      const row = (visit && visit.plots.find((p) => String(p.plot_id) === String(plot.id))) || {};
      const id = (f) => "field-plots-" + i + "-" + f;
      const name = (f) => "plots[" + i + "]." + f;
      const latest = plot.latest_on
        ? this.t("plot_latest", { date: plot.latest_on, illicit: plot.latest_illicit_hectares, licit: plot.latest_licit_hectares })
        : this.t("plot_no_record");
      return h("fieldset", { class: "fieldset field-plot", "data-plot-id": plot.id },
        h("legend", { text: this.t("plot_legend", { n: i + 1, name: plot.name, hectares: plot.hectares }) }),
        h("p", { class: "hint", text: latest }),
        this.field(id("illicit_crop"), this.t("f_illicit_crop"), this.select(id("illicit_crop"), name("illicit_crop"), "illicit_crops", row.illicit_crop || "", true)),
        this.field(id("illicit_hectares"), this.t("f_illicit_hectares"), this.input(id("illicit_hectares"), name("illicit_hectares"), row.illicit_hectares, decimal)),
        this.field(id("licit_crop"), this.t("f_licit_crop"), this.select(id("licit_crop"), name("licit_crop"), "licit_crops", row.licit_crop || "", true)),
        this.field(id("established_hectares"), this.t("f_established_hectares"), this.input(id("established_hectares"), name("established_hectares"), row.established_hectares, decimal)),
        this.field(id("surviving_hectares"), this.t("f_surviving_hectares"), this.input(id("surviving_hectares"), name("surviving_hectares"), row.surviving_hectares, decimal)));
    });
    const position = h("button", { type: "button", class: "button button--secondary", "data-action": "locate", onclick: () => this.locate(form) }, this.t("take_position"));
    const form = h("form", { class: "form field-form", novalidate: true, "data-household-id": household.id, onsubmit: (event) => { event.preventDefault(); this.save(form, found, entry); } },
      h("h2", { id: "field-form-title", tabindex: "-1", text: this.t("form_title", { code: household.code }) }),
      h("p", { class: "field-hint", text: community.name + " — " + community.project_name }),
      h("div", { class: "error-summary", role: "alert", tabindex: "-1", hidden: true, "data-field": "error-summary" }),
      this.field("field-visited_on", this.t("f_visited_on"), this.input("field-visited_on", "visited_on", v("visited_on", today()), { type: "date", max: today(), required: true })),
      h("fieldset", { class: "fieldset" },
        h("legend", { text: this.t("gps_legend") }),
        h("p", { class: "hint", text: this.t("gps_hint") }),
        this.field("field-longitude", this.t("f_longitude"), this.input("field-longitude", "longitude", v("longitude", ""), decimal)),
        this.field("field-latitude", this.t("f_latitude"), this.input("field-latitude", "latitude", v("latitude", ""), decimal)),
        position),
      h("fieldset", { class: "fieldset" },
        h("legend", { text: this.t("plots_legend") }),
        h("p", { class: "hint", text: household.plots.length ? this.t("plots_hint") : this.t("no_plots") }),
        plotRows),
      h("fieldset", { class: "fieldset" },
        h("legend", { text: this.t("production_legend") }),
        h("p", { class: "hint", text: this.t("production_hint") }),
        this.field("field-crop", this.t("f_crop"), this.select("field-crop", "crop", "licit_crops", v("crop", ""), true)),
        this.field("field-harvested_kg", this.t("f_harvested_kg"), this.input("field-harvested_kg", "harvested_kg", v("harvested_kg", ""), decimal)),
        this.field("field-sold_kg", this.t("f_sold_kg"), this.input("field-sold_kg", "sold_kg", v("sold_kg", ""), decimal)),
        this.field("field-price_per_kg", this.t("f_price_per_kg"), this.input("field-price_per_kg", "price_per_kg", v("price_per_kg", ""), decimal)),
        this.field("field-currency", this.t("f_currency"), this.select("field-currency", "currency", "currencies", v("currency", community.currency), false)),
        this.field("field-sales_channel", this.t("f_sales_channel"), this.select("field-sales_channel", "sales_channel", "sales_channels", v("sales_channel", ""), true)),
        this.field("field-income", this.t("f_income"), this.input("field-income", "income", v("income", ""), decimal), this.t("income_hint"))),
      this.field("field-note", this.t("f_note"), h("textarea", { id: "field-note", name: "note", rows: 3 }, v("note", ""))),
      h("div", { class: "form__actions" },
        h("button", { type: "submit", class: "button button--primary", "data-action": "save" }, this.t("save_on_device")),
        h("button", { type: "button", class: "button button--secondary", "data-action": "cancel", onclick: () => this.cancelForm(!entry) }, this.t("cancel"))));
    this.form = form;
    if (!entry) {
      // What is typed is kept on the device as it is typed: a phone that locks or a browser that
      // closes loses nothing.
      let timer = null;
      form.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => this.keepDraft(form, found), 300);
      });
      form.addEventListener("change", () => this.keepDraft(form, found));
    }
    this.formRegion.replaceChildren(form);
    this.formRegion.hidden = false;
    this.notice = null;
    this.renderStatus();
    if (entry && entry.error && entry.error.fields) this.showErrors(form, entry.error.fields.map((f) => ({ field: f.field, message: f.message })));
    const title = form.querySelector("#field-form-title");
    title.scrollIntoView({ block: "start" });
    title.focus();
  }

  closeForm() {
    this.form = null;
    this.formRegion.replaceChildren();
    this.formRegion.hidden = true;
    this.renderStatus();
  }

  async cancelForm(wasNew) {
    if (wasNew && this.draft && !window.confirm(this.t("cancel_confirm"))) return;
    if (wasNew) await this.dropDraft();
    this.closeForm();
  }

  async keepDraft(form, found) {
    if (this.form !== form) return;
    this.draft = { user_id: this.userId, household_id: found.household.id, household_code: found.household.code, visit: this.read(form, found.household) };
    try { await setMeta("draft", this.draft); } catch (_) { /* the form still holds it */ }
  }

  async dropDraft() {
    this.draft = null;
    try { await setMeta("draft", null); } catch (_) { /* nothing kept */ }
  }

  locate(form) {
    if (!navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition((p) => {
      form.querySelector("#field-longitude").value = p.coords.longitude.toFixed(6);
      form.querySelector("#field-latitude").value = p.coords.latitude.toFixed(6);
    }, () => {
      this.showErrors(form, [{ field: "longitude", message: this.t("no_position") }]);
    }, { enableHighAccuracy: true, timeout: 20000 });
  }

  read(form, household) {
    const value = (name) => {
      const control = form.elements.namedItem(name);
      return control ? control.value.trim() : "";
    };
    return {
      visited_on: value("visited_on"),
      longitude: value("longitude"),
      latitude: value("latitude"),
      plots: household.plots.map((plot, i) => ({
        plot_id: String(plot.id),
        illicit_crop: value("plots[" + i + "].illicit_crop"),
        illicit_hectares: value("plots[" + i + "].illicit_hectares"),
        licit_crop: value("plots[" + i + "].licit_crop"),
        established_hectares: value("plots[" + i + "].established_hectares"),
        surviving_hectares: value("plots[" + i + "].surviving_hectares"),
      })),
      crop: value("crop"),
      harvested_kg: value("harvested_kg"),
      sold_kg: value("sold_kg"),
      price_per_kg: value("price_per_kg"),
      currency: value("currency"),
      sales_channel: value("sales_channel"),
      income: value("income"),
      note: value("note"),
    };
  }

  // The checks a device can make alone; the server checks everything again.
  check(visit) {
    const errors = [];
    if (!visit.visited_on) errors.push({ field: "visited_on", message: this.t("e_required") });
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(visit.visited_on) || Number.isNaN(Date.parse(visit.visited_on))) errors.push({ field: "visited_on", message: this.t("e_date") });
    else if (visit.visited_on > today()) errors.push({ field: "visited_on", message: this.t("e_future") });
    const numeric = (field, text) => {
      const n = number(text);
      if (Number.isNaN(n)) errors.push({ field, message: this.t("e_number") });
      else if (n !== null && n < 0 && field !== "longitude" && field !== "latitude") errors.push({ field, message: this.t("e_negative") });
      return n;
    };
    const lon = numeric("longitude", visit.longitude);
    const lat = numeric("latitude", visit.latitude);
    if ((lon === null) !== (lat === null)) errors.push({ field: lon === null ? "longitude" : "latitude", message: this.t("e_both") });
    visit.plots.forEach((row, i) => {
      numeric("plots[" + i + "].illicit_hectares", row.illicit_hectares);
      numeric("plots[" + i + "].established_hectares", row.established_hectares);
      numeric("plots[" + i + "].surviving_hectares", row.surviving_hectares);
    });
    numeric("harvested_kg", visit.harvested_kg);
    numeric("sold_kg", visit.sold_kg);
    numeric("price_per_kg", visit.price_per_kg);
    numeric("income", visit.income);
    return errors;
  }

  controlId(field) {
    return "field-" + field.replace(/\[(\d+)\]\./, "-$1-");
  }

  showErrors(form, errors) {
    for (const p of form.querySelectorAll(".field-error")) { p.hidden = true; p.textContent = ""; }
    for (const c of form.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
    const summary = form.querySelector("[data-field=error-summary]");
    if (!errors.length) { summary.hidden = true; summary.replaceChildren(); return; }
    const items = [];
    for (const error of errors) {
      const id = this.controlId(error.field);
      const control = form.querySelector("#" + CSS.escape(id));
      const slot = form.querySelector("#" + CSS.escape(id + "-error"));
      if (control && slot) {
        slot.textContent = error.message;
        slot.hidden = false;
        control.setAttribute("aria-invalid", "true");
        const described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        if (!described.includes(slot.id)) control.setAttribute("aria-describedby", described.concat(slot.id).join(" "));
      }
      items.push(h("li", {}, control ? h("a", { href: "#" + id, text: this.fieldLabel(error.field) + ": " + error.message }) : this.fieldLabel(error.field) + ": " + error.message));
    }
    summary.replaceChildren(h("p", { text: this.t("error_summary") }), h("ul", {}, items));
    summary.hidden = false;
    summary.focus();
  }

  async save(form, found, previous) {
    const { community, household } = found;
    const visit = this.read(form, household);
    const errors = this.check(visit);
    if (errors.length) { this.showErrors(form, errors); return; }
    const now = new Date().toISOString();
    const clientId = previous ? previous.client_id : newEntryId();
    const entry = Object.assign({}, previous || {}, {
      client_id: clientId,
      user_id: this.userId,
      household_id: household.id,
      household_code: household.code,
      community_name: community.name,
      base_version: household.version,
      household_copy: household,
      keep_mine: false,
      visit: Object.assign(visit, { client_id: clientId }),
      state: "waiting",
      error: null,
      conflict: null,
      created_at: previous ? previous.created_at : now,
      updated_at: now,
    });
    try {
      await putEntry(entry);
    } catch (_) {
      this.showErrors(form, [{ field: "visited_on", message: this.t("not_saved") }]);
      return;
    }
    if (!previous) await this.dropDraft();
    this.entries = await allEntries();
    this.closeForm();
    this.notice = this.t("saved_on_device", { code: household.code });
    this.render();
    const status = this.statusRegion.querySelector("h2");
    if (status) { status.setAttribute("tabindex", "-1"); status.focus(); }
    if (this.online()) this.sync();
  }

  async sendAsIs(entry) {
    entry.keep_mine = true;
    entry.state = "waiting";
    entry.updated_at = new Date().toISOString();
    await putEntry(entry);
    this.entries = await allEntries();
    this.render();
    await this.sync();
  }

  async discard(entry) {
    if (!window.confirm(this.t("discard_confirm", { code: entry.household_code, date: entry.visit.visited_on }))) return;
    await deleteEntry(entry.client_id);
    this.entries = await allEntries();
    this.render();
  }

  async clearSent() {
    for (const entry of this.mine().filter((e) => e.state === "sent")) await deleteEntry(entry.client_id);
    this.entries = await allEntries();
    this.render();
  }
}

// ------------------------------------------------------------------ start

function whenHydrated() {
  // The page's WebAssembly takes over the server's HTML first; the field app then fills its own
  // element (which the page leaves empty). Without WebAssembly (it failed to load) it starts anyway.
  return new Promise((resolve) => {
    if (document.body.dataset.hydrated === "true") { resolve(); return; }
    const observer = new MutationObserver(() => {
      if (document.body.dataset.hydrated === "true") { observer.disconnect(); resolve(); }
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ["data-hydrated"] });
    setTimeout(() => { observer.disconnect(); resolve(); }, 8000);
  });
}

function startFieldApps() {
  const root = document.getElementById("field-app");
  if (!root || root.dataset.started === "true") return;
  root.dataset.started = "true";
  const app = new FieldApp(root);
  window.sembrarField = app;
  app.start();
}

registerWorker();
guardSignOut();
whenHydrated().then(() => {
  startFieldApps();
  // A page reached by the app's own navigation brings its element later.
  new MutationObserver(startFieldApps).observe(document.body, { childList: true, subtree: true });
});
