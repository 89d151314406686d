#!/usr/bin/env node
// The dependency rules (.dependency-cruiser.js, docs/architecture.md) against the known
// violations of .dependency-cruiser-known-violations.json: a violation not in that list fails,
// one listed but gone is reported so the list only shrinks.
//   node scripts/check-dependencies.js            check (npm run lint:deps, .ci/run)
//   node scripts/check-dependencies.js --update   rewrite the list from the code as it is
// Why not `depcruise --ignore-known` alone: dependency-cruiser 17 does not soften folder-level
// violations (the folder cycles), so those would always fail. The list keeps its format, so
// `depcruise src --ignore-known` still works for the module-level rules.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const knownFile = path.join(root, '.dependency-cruiser-known-violations.json');
const depcruise = path.join(root, 'node_modules', '.bin', 'depcruise');

const output = execFileSync(
  depcruise,
  ['src', '--config', '.dependency-cruiser.js', '--output-type', 'json', '--no-cache'],
  // The JSON holds every module: more than the default 1 MB buffer.
  { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
);
const violations = JSON.parse(output).summary.violations.filter((v) => v.rule.severity === 'error');

/** A cycle is known by its two folders, not its route: the route moves as files do. */
const key = (v) => `${v.rule.name}: ${v.from} → ${v.to}`;

if (process.argv.includes('--update')) {
  const sorted = [...violations].sort((a, b) => key(a).localeCompare(key(b)));
  fs.writeFileSync(knownFile, `${JSON.stringify(sorted, null, 2)}\n`);
  console.log(`${sorted.length} known violations written to ${path.basename(knownFile)}`);
  process.exit(0);
}

const known = new Set(JSON.parse(fs.readFileSync(knownFile, 'utf8')).map(key));
const found = new Set(violations.map(key));
const fresh = [...found].filter((k) => !known.has(k)).sort();
const gone = [...known].filter((k) => !found.has(k)).sort();

for (const k of fresh) console.error(`  new violation  ${k}`);
if (gone.length > 0) {
  console.log(`${gone.length} known violation(s) no longer occur: run with --update to drop them`);
  for (const k of gone) console.log(`  gone  ${k}`);
}
console.log(
  `dependency rules: ${fresh.length} new, ${found.size - fresh.length} known (burn-down list), ` +
    `${gone.length} fixed`,
);
if (fresh.length > 0) {
  console.error(
    'New dependency violations: see the rules in .dependency-cruiser.js and docs/architecture.md.',
  );
  process.exit(1);
}
