// Drives headless Chromium for the Java browser tests: one JSON command per stdin line, one JSON
// answer per stdout line ({id, value} or {id, error}). Pages record their console errors, uncaught
// exceptions and requests so the tests can assert on them.
import { chromium } from "playwright-core";
import { createInterface } from "node:readline";

// Playwright gives every launch a fresh temporary profile (--user-data-dir) and removes it on close.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const contexts = new Map();
const pages = new Map();

function track(name, page) {
  const entry = { page, errors: [], requests: [] };
  page.on("console", (m) => {
    const source = m.location().url || "";
    // Chromium fetches /favicon.ico by itself; a missing icon is not an error of the page
    if (m.type() === "error" && !source.endsWith("/favicon.ico")) entry.errors.push("console: " + m.text() + " (" + source + ") on " + page.url());
  });
  page.on("pageerror", (e) => entry.errors.push("uncaught: " + e.message + " at " + page.url()));
  page.on("request", (r) => entry.requests.push(r.method() + " " + r.url()));
  pages.set(name, entry);
  return entry;
}
const page = (name) => {
  const p = pages.get(name);
  if (!p) throw new Error("no page " + name);
  return p.page;
};

const ops = {
  async version() {
    return browser.version();
  },
  async context({ context, time }) {
    const ctx = await browser.newContext();
    ctx.setDefaultTimeout(30000); // generous: CI machines are shared and slow
    if (time != null) await ctx.clock.install({ time });
    contexts.set(context, ctx);
  },
  async page({ context, page: name }) {
    track(name, await contexts.get(context).newPage());
  },
  async goto({ page: name, url }) {
    await page(name).goto(url);
    return page(name).url();
  },
  async click({ page: name, selector }) {
    await page(name).click(selector);
  },
  async waitForUrl({ page: name, prefix, exact }) {
    await page(name).waitForURL((u) => (exact ? u.href === exact : u.href.startsWith(prefix)));
    await page(name).waitForLoadState("load");
    return page(name).url();
  },
  async url({ page: name }) {
    return page(name).url();
  },
  async evaluate({ page: name, expression }) {
    return await page(name).evaluate(expression);
  },
  async evaluateAll({ pages: names, expression }) {
    return await Promise.all(names.map((n) => page(n).evaluate(expression)));
  },
  async waitFor({ page: name, expression }) {
    await page(name).waitForFunction(expression);
  },
  async text({ page: name, selector }) {
    return await page(name).locator(selector).innerText();
  },
  async screenshot({ page: name, path }) {
    await page(name).screenshot({ path, fullPage: true });
  },
  async cookies({ context }) {
    return (await contexts.get(context).cookies()).map((c) => ({ name: c.name, value: c.value, httpOnly: c.httpOnly }));
  },
  async fastForward({ context, ms }) {
    await contexts.get(context).clock.fastForward(ms);
  },
  async errors({ page: name }) {
    const e = pages.get(name);
    const out = e.errors;
    e.errors = [];
    return out;
  },
  async requests({ page: name }) {
    return pages.get(name).requests;
  },
  async bringToFront({ page: name }) {
    await page(name).bringToFront();
  },
  async closeContext({ context }) {
    const ctx = contexts.get(context);
    for (const [n, e] of pages) if (ctx.pages().includes(e.page)) pages.delete(n);
    // a page caught mid-navigation can hold close() up on a loaded machine; the browser goes at the end anyway
    await Promise.race([ctx.close(), new Promise((resolve) => setTimeout(resolve, 10000))]);
    contexts.delete(context);
  },
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const command = JSON.parse(line);
  const op = ops[command.op];
  Promise.resolve()
    .then(() => {
      if (!op) throw new Error("unknown op " + command.op);
      return op(command);
    })
    .then(
      (value) => process.stdout.write(JSON.stringify({ id: command.id, value: value === undefined ? null : value }) + "\n"),
      (e) => process.stdout.write(JSON.stringify({ id: command.id, error: String(e && e.stack || e) }) + "\n"),
    );
}
await browser.close();
