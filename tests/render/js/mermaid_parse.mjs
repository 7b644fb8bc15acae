// Parse Mermaid text with Mermaid's own parser under Node (no browser).
// Usage: node mermaid_parse.mjs FILE...   (NODE_PATH / a node_modules with mermaid and jsdom)
// Prints one JSON line per file: {"file": ..., "ok": true|false, "error": ...}; exit 1 if any failed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.MERMAID_MODULES ? process.env.MERMAID_MODULES + "/" : import.meta.url);
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!DOCTYPE html><body></body>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const k of ["Element", "HTMLElement", "Node", "DOMParser", "navigator", "SVGElement"]) {
  if (!(k in globalThis)) globalThis[k] = dom.window[k];
}
const mermaidPath = require.resolve("mermaid");
const mermaid = (await import(mermaidPath)).default;
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  try {
    const result = await mermaid.parse(text);
    console.log(JSON.stringify({ file, ok: true, type: result && result.diagramType }));
  } catch (e) {
    failed++;
    console.log(JSON.stringify({ file, ok: false, error: String(e && e.message || e).slice(0, 500) }));
  }
}
process.exit(failed ? 1 : 0);
