// Builds the explorer's front end into the Python package (src/eventwire/server/static/), so
// that `pip install` users need no Node. Run: cd web && npm ci --ignore-scripts && npm run build
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "eventwire", "server", "static");
const modules = join(here, "node_modules");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "swagger"), { recursive: true });

await esbuild.build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  legalComments: "none", // the licences are collected in THIRD_PARTY_LICENSES.txt
  outfile: join(out, "app.js"),
  logLevel: "warning",
});

for (const name of ["index.html", "app.css", "docs.html", "docs-init.js"]) {
  cpSync(join(here, "src", name), join(out, name));
}
cpSync(join(modules, "world-atlas", "countries-110m.json"), join(out, "countries-110m.json"));
for (const name of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  cpSync(join(modules, "swagger-ui-dist", name), join(out, "swagger", name));
}

// The licences of everything shipped in static/.
const shipped = ["d3", "cytoscape", "topojson-client", "world-atlas", "swagger-ui-dist"];
const d3Parts = readdirSync(modules).filter((n) => n.startsWith("d3-"));
let licences = "Third-party software bundled in this folder (built from web/ by web/build.mjs).\n";
for (const name of [...shipped, ...d3Parts, "internmap", "delaunator", "robust-predicates"]) {
  const pkg = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8"));
  const file = readdirSync(join(modules, name)).find((n) => /^licen[cs]e/i.test(n));
  licences += `\n==== ${name} ${pkg.version} (${pkg.license}) ====\n`;
  licences += file ? readFileSync(join(modules, name, file), "utf8") : "(no licence file)\n";
}
writeFileSync(join(out, "THIRD_PARTY_LICENSES.txt"), licences);

// A stamp of the sources, so a test can tell when the built assets are stale.
writeFileSync(join(out, "build-info.json"), JSON.stringify(sourceStamp(), null, 2) + "\n");

function sourceStamp() {
  const hash = createHash("sha256");
  const files = ["package.json", "package-lock.json", "build.mjs"];
  for (const name of readdirSync(join(here, "src")).sort()) files.push(join("src", name));
  for (const file of files) {
    hash.update(file + "\0");
    hash.update(readFileSync(join(here, file)).toString("utf8").replace(/\r\n/g, "\n") + "\0");
  }
  return { sources_sha256: hash.digest("hex"), files };
}
