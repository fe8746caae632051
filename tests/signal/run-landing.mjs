// run-landing.mjs PAGE URL — runs the invite page's own script the way a
// browser would at URL, and prints the link its "Open in Pairpad" button
// points to, or "broken" when the page shows its incomplete-link message.
// Only the objects the script reads are provided; nothing can go out.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const [page, url] = process.argv.slice(2);
const html = readFileSync(page, "utf8");
const script = html.match(/<script>([\s\S]*?)<\/script>/)[1];
const metas = Object.fromEntries(
  [...html.matchAll(/<meta name="([^"]+)" content="([^"]*)">/g)].map((m) => [m[1], m[2]]));
const elements = {};
for (const m of html.matchAll(/ id="([^"]+)"/g))
  elements[m[1]] = { id: m[1], hidden: / hidden[ >]/.test(html.slice(m.index, html.indexOf(">", m.index) + 1)),
                     href: "#", addEventListener() {} };

const u = new URL(url);
const context = {
  location: { pathname: u.pathname, hash: u.hash, protocol: u.protocol, hostname: u.hostname, port: u.port,
              host: u.host },
  document: {
    querySelector(sel) {
      const name = sel.match(/name="([^"]+)"/)[1];
      return { getAttribute: () => metas[name] };
    },
    getElementById: (id) => elements[id],
  },
  navigator: {},
  URLSearchParams,
};
vm.runInNewContext(script, context);
if (!elements.broken.hidden && elements.ready.hidden)
  console.log("broken");
else if (elements.broken.hidden && !elements.ready.hidden)
  console.log(elements.open.href);
else
  throw new Error("the page shows both or neither of its states");
