#!/usr/bin/env node
// Usage (in an app's `build`, or @sukoyaka/sheets' for its import worker, after tsc):
// sukoyaka-bundle <dist/entry.js> [--external=<package>]… [--node-env=production]
// Writes dist/bundle/<entry>.js, plus one chunk per module loaded only by a dynamic import().
//
// Why: a start that loads the per-module dist/ and node_modules reads ~1,600 ES modules (Effect's
// index alone re-exports every module of the library); Node pays for each one's resolution, read
// and link. One file, with the heavy parts still behind import(), starts several times faster.
// The per-module dist/ stays: other packages and the admin UI's vite build load it. The import
// worker of @sukoyaka/sheets is a bundle too (dist/bundle/readWorker.js): its heap budget is tight.
import { build } from "esbuild"
import { readFile, rm, writeFile } from "node:fs/promises"
import { basename, dirname, relative, resolve, sep } from "node:path"
import { parseArgs } from "node:util"

// Native addons, packages loaded by path or in a worker, and big CommonJS libraries that only a
// lazily loaded command uses: left to Node's own loader from node_modules. None of them imports
// Effect (a second copy of Effect beside the bundled one would not share its services).
const alwaysExternal = ["better-sqlite3", "pg", "pg-native", "tsx", "swagger-ui-dist"]

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    external: { type: "string", multiple: true, default: [] },
    // `process.env.NODE_ENV` fixed at build time: React (the dashboard's Ink) then bundles only its
    // production build, not both with the development one chosen at run time — a third of the
    // dashboard's first frame went to React's development checks and their parse.
    "node-env": { type: "string" }
  }
})
if (positionals.length !== 1) {
  process.stderr.write("usage: sukoyaka-bundle <dist/entry.js> [--external=<package>]… [--node-env=production]\n")
  process.exit(2)
}
const entry = resolve(positionals[0])
const outdir = resolve(dirname(entry), "bundle")
const externals = new Set([...alwaysExternal, ...values.external])
const packageOf = (specifier) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/")

/**
 * An external package is one that the importing package depends on, not necessarily the app (pnpm
 * links each package's own dependencies only: excelts is @sukoyaka/sheets'). So the bundle imports
 * it by the path of the file that the importer would load, relative to the bundle.
 */
const externalFromImporter = {
  name: "external-from-importer",
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, async ({ path, kind, resolveDir, importer, pluginData }) => {
      if (pluginData === externalFromImporter || !externals.has(packageOf(path))) return undefined
      const resolved = await builder.resolve(path, {
        kind,
        resolveDir,
        importer,
        pluginData: externalFromImporter
      })
      // Not installed (an optional dependency such as Ink's devtools): Node reports it if it is
      // ever loaded, as it would without the bundle.
      if (resolved.errors.length > 0) return { path, external: true }
      const fromBundle = relative(outdir, resolved.path).split(sep).join("/")
      return { path: fromBundle.startsWith(".") ? fromBundle : `./${fromBundle}`, external: true }
    })
  }
}

/**
 * A module that finds a file beside itself (`new URL("../package.json", import.meta.url)`, a
 * worker, createRequire) must still find it from inside the bundle: its `import.meta.url` becomes
 * the address of its own compiled file, computed from the bundle's at run time (every output
 * file, entry or chunk, is in `outdir`), so the result does not depend on where the tree is.
 */
const ownModuleUrl = {
  name: "own-module-url",
  setup(builder) {
    builder.onLoad({ filter: /\.[cm]?js$/ }, async ({ path }) => {
      const read = await readFile(path, "utf8")
      const source = patched(path, read)
      if (!source.includes("import.meta.url")) return source === read ? undefined : { contents: source, loader: "js" }
      const fromBundle = relative(outdir, path).split(sep).join("/")
      const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`
      return { contents: source.replaceAll("import.meta.url", url), loader: "js" }
    })
  }
}

/**
 * Dependencies' code changed in the bundle only, each for a measured reason. A patch that no
 * longer finds its text fails the build (the dependency changed: look again), never silently.
 */
const patches = [
  {
    // Ink's layout engine: its Emscripten loader fetches its own wasm, inlined as a data: URL,
    // whenever a global `fetch` exists. Touching `fetch` makes Node load undici, and the fetch
    // goes through it: ≈ 60 ms of the dashboard's first frame on a local database, which never
    // uses HTTP. As if there were no fetch, the loader decodes the inlined bytes itself.
    file: /[/\\]yoga-layout[/\\]dist[/\\]binaries[/\\]yoga-wasm-base64-esm\.js$/,
    from: '"function"!=typeof fetch',
    to: "true"
  }
]
const patched = (path, source) =>
  patches.reduce((text, { file, from, to }) => {
    if (!file.test(path)) return text
    if (!text.includes(from)) throw new Error(`sukoyaka-bundle: ${path} no longer contains ${from}`)
    return text.replaceAll(from, to)
  }, source)

/**
 * The workspace's own modules only declare (no work at import time, a rule of the code base), so a
 * module none of whose exports the command uses is left out: `sukoyaka --help` names
 * `defaultReadBudget` of @sukoyaka/sheets and must not load, through its index, excelts and the
 * rest of the spreadsheet code (still in the lazily loaded chunks for the commands that use it).
 */
const workspaceRoot = resolve(import.meta.dirname, "../..")
const workspaceModulesDeclareOnly = {
  name: "workspace-modules-declare-only",
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, async ({ path, kind, resolveDir, importer, pluginData, namespace }) => {
      if (pluginData === workspaceModulesDeclareOnly || namespace !== "file" || kind === "entry-point") return undefined
      const resolved = await builder.resolve(path, {
        kind,
        resolveDir,
        importer,
        pluginData: workspaceModulesDeclareOnly
      })
      // An optional peer that is not installed (hono-openapi's adapters for zod, valibot…), behind
      // import(): as it is, to fail at run time as it would without the bundle, if ever reached.
      if (resolved.errors.length > 0 && kind === "dynamic-import") return { path, external: true }
      // esbuild's own resolution then reports it, or tolerates it (a require() inside try).
      if (resolved.errors.length > 0) return undefined
      const own = resolved.path.startsWith(workspaceRoot + sep) && !resolved.path.includes(`${sep}node_modules${sep}`)
      return own ? { ...resolved, sideEffects: false } : resolved
    })
  }
}

// Chunks are named by their content: those of an earlier build would stay beside the new ones.
await rm(outdir, { recursive: true, force: true })
const result = await build({
  entryPoints: [entry],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node24",
  chunkNames: "chunk-[hash]",
  // Less to read and parse at each start (a third of the size); names stay, for stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  ...(values["node-env"] === undefined
    ? {}
    : { define: { "process.env.NODE_ENV": JSON.stringify(values["node-env"]) } }),
  // CommonJS dependencies inside the bundle still call require() for Node's built-in modules.
  banner: {
    js: `import { createRequire as __sukoyakaCreateRequire } from "node:module";\nconst require = __sukoyakaCreateRequire(import.meta.url);`
  },
  // For `node --enable-source-maps` when a stack trace must name the original modules.
  sourcemap: "linked",
  sourcesContent: false,
  logLevel: "warning",
  // What went into which file, and why (esbuild's analyser reads it): when a start grows again.
  metafile: true,
  plugins: [externalFromImporter, workspaceModulesDeclareOnly, ownModuleUrl]
})
await writeFile(resolve(outdir, "metafile.json"), JSON.stringify(result.metafile))
process.stdout.write(`bundled ${basename(entry)} into ${relative(process.cwd(), outdir)}/\n`)
