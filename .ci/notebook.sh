#!/usr/bin/env bash
# Runs examples/notebook.ipynb top to bottom as a user would: with qaly installed from the packed
# tarball (imports by package name, not from the repository), in Deno's Jupyter kernel, through
# Debian's jupyter-nbconvert. Fails on a type error in any code cell (`deno check` of the cells
# against the published .d.ts; the kernel itself does not type-check) and on any cell that throws.
# The executed notebook is written to out/notebook/notebook.ipynb (ignored by git).
#
#   bash .ci/notebook.sh             build, pack, install, check, execute
#   bash .ci/notebook.sh --no-build  use dist/ as it is (CI: `npm ci` has just built it)
#   bash .ci/notebook.sh --keep      keep the temporary project (its path is printed)
#
# Needs: `npm ci` done (its cache holds every runtime dependency: the install here is offline),
# `jupyter-nbconvert` with nbclient (apt: jupyter-nbconvert python3-nbclient python3-jupyter-client).
# Nothing is written outside a temporary directory and out/: the Deno kernelspec, Jupyter's
# runtime files and Deno's cache all live in the temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=1
keep=0
for arg in "$@"; do
  case $arg in
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    *) echo "usage: bash .ci/notebook.sh [--no-build] [--keep]" >&2; exit 2 ;;
  esac
done

if ! command -v jupyter-nbconvert >/dev/null 2>&1; then
  echo "jupyter-nbconvert is not installed (apt-get install jupyter-nbconvert python3-nbclient python3-jupyter-client)" >&2
  exit 1
fi

tmp=$(mktemp -d)
if [ "$keep" = 1 ]; then trap 'echo "notebook: kept $tmp"' EXIT; else trap 'rm -rf "$tmp"' EXIT; fi
started=$SECONDS

# 1. The package as published: the tarball `npm pack` makes from dist/ (built now unless --no-build).
if [ "$build" = 1 ]; then npm run --silent build; fi
[ -f dist/index.js ] || { echo "dist/ is missing: run npm run build" >&2; exit 1; }
tarball=$(npm pack --ignore-scripts --silent --pack-destination "$tmp")

# 2. An empty project that depends on the tarball. Its lockfile takes the versions of qaly's
#    runtime dependencies from the repository's lockfile, so `npm ci --offline` installs them from
#    the npm cache that the repository's own `npm ci` filled: no registry requests.
project=$tmp/project
mkdir "$project"
mv "$tmp/$tarball" "$project/"
node - "$root" "$project" "$tarball" <<'EOF'
const { createHash } = require("node:crypto");
const { readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const [root, project, tarball] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
const integrity = "sha512-" + createHash("sha512").update(readFileSync(join(project, tarball))).digest("base64");
const dependencies = { qaly: `file:${tarball}` };
const packages = {
  "": { name: "qaly-notebook", dependencies },
  "node_modules/qaly": {
    version: pkg.version, resolved: `file:${tarball}`, integrity, license: pkg.license,
    dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines,
  },
};
// Runtime packages only: the lockfile marks packages reached only through devDependencies.
for (const [path, entry] of Object.entries(lock.packages)) {
  if (path !== "" && !entry.dev && !entry.devOptional) packages[path] = entry;
}
writeFileSync(join(project, "package.json"), JSON.stringify({ name: "qaly-notebook", private: true, type: "module", dependencies }, null, 2) + "\n");
writeFileSync(join(project, "package-lock.json"), JSON.stringify({ name: "qaly-notebook", lockfileVersion: 3, requires: true, packages }, null, 2) + "\n");
EOF
(cd "$project" && npm ci --offline --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) || {
  echo "notebook: a runtime dependency is not in the npm cache; run npm ci in the repository first" >&2
  exit 1
}
echo "notebook: qaly installed from $tarball into an empty project ($((SECONDS - started)) s)"

# 3. Deno, with its cache in the temporary directory. It resolves `qaly` through the project's
#    package.json and node_modules ("manual": it never downloads packages).
npx --no-install deno --version >/dev/null # the npm `deno` package fetches its binary on first use
deno=$root/node_modules/deno/deno
[ -x "$deno" ] || { echo "no Deno binary at $deno" >&2; exit 1; }
export DENO_DIR=$tmp/deno-cache DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1 NO_COLOR=1
# The repository's own strictness applies to the notebook's code too.
echo '{ "nodeModulesDir": "manual", "compilerOptions": { "strict": true, "exactOptionalPropertyTypes": true, "noUncheckedIndexedAccess": true } }' >"$project/deno.json"

# 4. Type-check the code cells, in order, as one module against the published declarations.
cp examples/notebook.ipynb "$project/notebook.ipynb"
node - "$project/notebook.ipynb" "$project/notebook-cells.ts" <<'JS'
const { readFileSync, writeFileSync } = require("node:fs");
const notebook = JSON.parse(readFileSync(process.argv[2], "utf8"));
const code = notebook.cells.filter((cell) => cell.cell_type === "code");
writeFileSync(process.argv[3], code.map((cell, i) => `// code cell ${i + 1}\n${[cell.source].flat().join("")}\n`).join("\n"));
JS
(cd "$project" && "$deno" check --quiet notebook-cells.ts) || { echo "notebook: a code cell does not type-check" >&2; exit 1; }
echo "notebook: code cells type-check ($((SECONDS - started)) s)"

# 5. Execute it, with the executor of .ci/nbconvert-deno.py. The kernel is registered in the
#    temporary directory only (`deno jupyter --install` would write to ~/.local/share/jupyter); its
#    working directory is the notebook's.
mkdir -p "$tmp/jupyter/kernels/deno"
cat >"$tmp/jupyter/kernels/deno/kernel.json" <<JSON
{
  "argv": ["$deno", "jupyter", "--kernel", "--conn", "{connection_file}"],
  "display_name": "Deno",
  "language": "typescript"
}
JSON
export JUPYTER_PATH=$tmp/jupyter JUPYTER_DATA_DIR=$tmp/jupyter JUPYTER_CONFIG_DIR=$tmp/jupyter-config \
  JUPYTER_RUNTIME_DIR=$tmp/jupyter-runtime
mkdir -p out/notebook
status=0
jupyter-nbconvert --to notebook --config "$root/.ci/nbconvert-deno.py" "$project/notebook.ipynb" \
  --ExecutePreprocessor.kernel_name=deno --ExecutePreprocessor.timeout=300 \
  --ExecutePreprocessor.startup_timeout=120 \
  --output-dir "$root/out/notebook" --output notebook.ipynb --log-level=WARN 2>"$tmp/nbconvert.log" || status=$?
if [ "$status" != 0 ] && grep -q CellExecutionError "$tmp/nbconvert.log"; then
  sed -n '/^nbclient.exceptions.CellExecutionError/,$p' "$tmp/nbconvert.log" >&2 # the cell and its error
else
  grep -v '"deno jupyter" is unstable' "$tmp/nbconvert.log" >&2 || true
fi
[ "$status" = 0 ] || { echo "notebook: a cell failed (its error is above)" >&2; exit 1; }

# 6. What displayed. A missing view is reported, not failed: Deno's kernel can report a cell idle
#    before its result reaches Jupyter; .ci/nbconvert-deno.py waits for such late output, but only
#    for a second of quiet.
node - "$root/out/notebook/notebook.ipynb" <<'JS'
const notebook = JSON.parse(require("node:fs").readFileSync(process.argv[2], "utf8"));
const code = notebook.cells.filter((cell) => cell.cell_type === "code");
const shown = (cell) => cell.outputs.some((output) => output.data && ("text/html" in output.data || "image/svg+xml" in output.data));
const views = code.filter((cell) => [cell.source].flat().join("").includes("notebookView("));
const missing = views.filter((cell) => !shown(cell)).map((cell) => code.indexOf(cell) + 1);
console.log(`notebook: ${code.length} code cells ran without error; ${views.length - missing.length} of ${views.length} notebookView cells displayed SVG or HTML`);
if (missing.length > 0) console.log(`notebook: no display recorded for code cell ${missing.join(", ")} (the kernel went idle before sending it; not an error)`);
JS
echo "notebook: executed notebook in out/notebook/notebook.ipynb ($((SECONDS - started)) s)"
