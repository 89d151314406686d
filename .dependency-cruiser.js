// The dependency rules of docs/architecture.md ("Dependency rules"), run by `npm run lint:deps`
// (scripts/check-dependencies.js) and .ci/run. Violations that existed when a rule came in are
// listed in .dependency-cruiser-known-violations.json (the burn-down list): only new ones fail.
// After removing some, shrink the list with `npm run lint:deps:baseline`. The fifth rule, no
// cycle between module folders, is checked by that script on the graph cruised here.

/** Modules that hold the rules of the business and must not speak any transport. */
const DOMAIN = '^src/(orders|users|notifications|reports|scheduler|backup|audit|intake)/';
/** Specs may reach into anything they test. */
const SPECS = '\\.spec\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-not-telegram',
      comment:
        'A domain module knows nothing of Telegram: adapters call it, not the other way round.',
      severity: 'error',
      from: { path: DOMAIN, pathNot: SPECS },
      to: { path: '^src/telegram/' },
    },
    {
      name: 'domain-no-ui-texts',
      comment: 'A use case returns reasons and data; each adapter words them from its own catalog.',
      severity: 'error',
      from: { path: DOMAIN, pathNot: SPECS },
      to: { path: '^src/texts/' },
    },
    {
      name: 'no-foreign-entity',
      comment:
        "A module reads another module's rows through that module's services or repositories, " +
        'never through its entity (src/database/entities.ts only lists them for TypeORM).',
      severity: 'error',
      // The one exception: an entity's TypeORM relation to another module's entity
      // (`Order.master`, `Order.dispatcher`) must name that class; it is a mapping, not a read.
      from: { path: '^src/([^/]+)/', pathNot: [SPECS, '\\.entity\\.ts$'] },
      to: { path: '^src/[^/]+/.+\\.entity\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'no-update-to-update',
      comment:
        'Update classes are entry points: what two of them share lives in a helper of src/telegram/.',
      severity: 'error',
      from: { path: '^src/telegram/updates/' },
      to: { path: '^src/telegram/updates/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Specs reach into what they test; the entity registry lists every module's entities for
    // TypeORM on purpose, and would otherwise put src/database in a cycle with every module.
    exclude: { path: ['^src/.*\\.spec\\.ts$', '^src/database/entities\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
