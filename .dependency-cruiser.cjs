/**
 * The import table of ARCHITECTURE.md ("What may import what"), enforced by `npm run lint`.
 * Paths are relative to the repository root; `$1` in a `to` refers to the `from` path's first group.
 *
 * relay (the event transport between processes, src/relay/CONTEXT.md) sits beside storage, beneath
 * the modules: it needs the site's database connection (PostgreSQL NOTIFY/LISTEN, SQLite's
 * data_version) and the event types of lib, and knows nothing of domains or HTTP. So it may import
 * lib and storage only; container.ts chooses a relay and the web layer's page cache starts it.
 *
 * The composition root is the top of src: config.ts, container.ts, and the start-up that composes
 * them (main.ts, site-setup.ts, app.ts). The CLI may use container, config and the start-up
 * (`gazette serve` runs main; the cluster primary readies the site once), never storage itself.
 *
 * Known debt (issue 8, item 4: "routes receive what they use, not the whole container"): four web
 * files take the whole `Container` as a type. Allowed as a type-only import until that lands; a
 * value import of container.ts from web is still an error.
 */

/** Files nobody imports by design: the entry points, and the worker a thread pool loads by path. */
// The browser scripts (assets/, embed-widget/) are served as files, never imported.
const entryPoints = [
  '^src/main\\.ts$',
  '^src/cli/index\\.ts$',
  '\\.worker\\.[jt]s$',
  '\\.d\\.ts$',
  '^src/web/assets/',
  '^src/web/embed-widget/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'lib-imports-nothing',
      comment: 'src/lib holds small pure helpers: it imports nothing else from src.',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: '^src/', pathNot: '^src/lib/' },
    },
    {
      name: 'storage-only-lib',
      comment: 'src/storage uses lib only, and composes the tables the modules declare (*.table.ts).',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/', pathNot: ['^src/(storage|lib)/', '^src/modules/[^/]+/[^/]+\\.table\\.ts$'] },
    },
    {
      name: 'storage-tables-types-only',
      comment: 'Storage reads a module’s table file for its types only (import type), never its code.',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/modules/[^/]+/[^/]+\\.table\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'modules-through-index',
      comment: 'A module uses lib, storage, its own files, and other modules only through their index.ts.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/', pathNot: ['^src/(lib|storage)/', '^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'modules-no-fastify',
      comment: 'Domain code never imports the web framework.',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: 'node_modules/(fastify|@fastify/)' },
    },
    {
      name: 'web-through-module-index',
      comment: 'The web layer uses module index.ts files, lib and config: never storage or queries.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/', pathNot: ['^src/(web|lib)/', '^src/config\\.ts$', '^src/modules/[^/]+/index\\.ts$', '^src/container\\.ts$'] },
    },
    {
      name: 'web-container-types-only',
      comment: 'Known debt (see the top of this file): web may name the Container type, never import its code.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/container\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'cli-through-container',
      comment: 'The CLI uses the container, config, the start-up (main, site-setup), lib and module index.ts files.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: {
        path: '^src/',
        pathNot: ['^src/(cli|lib)/', '^src/(config|container|main|site-setup|start-up-errors)\\.ts$', '^src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'relay-only-lib-and-storage',
      comment: 'The event transport uses lib and storage only (see the top of this file).',
      severity: 'error',
      from: { path: '^src/relay/' },
      to: { path: '^src/', pathNot: '^src/(relay|lib|storage)/' },
    },
    {
      name: 'no-circular',
      comment: 'No cycles.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A file nobody imports is dead code (entry points and workers excepted).',
      severity: 'error',
      from: { orphan: true, pathNot: entryPoints },
      to: {},
    },
    {
      name: 'reachable-from-an-entry-point',
      comment:
        'Every file under src is used by the server, the CLI or a worker thread they start (an orphan pair importing only each other counts too).',
      severity: 'error',
      from: { path: ['^src/main\\.ts$', '^src/cli/index\\.ts$', '\\.worker\\.[jt]s$'] },
      to: { path: '^src/', pathNot: entryPoints, reachable: false },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count (a web file importing a storage type is still coupled to storage).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    skipAnalysisNotInRules: true,
  },
};
