#!/usr/bin/env node
// The dependency rules (.dependency-cruiser.js, docs/architecture.md) against the known
// violations of .dependency-cruiser-known-violations.json: a violation not in that list fails,
// one listed but gone is reported so the list only shrinks.
//   node scripts/check-dependencies.js            check (npm run lint:deps, .ci/run)
//   node scripts/check-dependencies.js --update   rewrite the list from the code as it is
// The rule "no cycle between module folders" is checked here, on the graph dependency-cruiser
// cruised: its own folder rule reports one route per cycle, which moves whenever a file does,
// and `--ignore-known` cannot soften folder-level violations (dependency-cruiser 17). Here an
// edge between two folders of src/ is a violation when the target reaches the source back.
// The list keeps dependency-cruiser's format: `depcruise src --ignore-known` works for the rest.
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
const cruised = JSON.parse(output);

/** `src/telegram/cards/html.ts` → `src/telegram`: the module a file belongs to. */
const folderOf = (file) => file.split('/').slice(0, 2).join('/');

/** Edges between module folders that lie on a cycle: the target reaches the source back. */
function folderCycles(modules) {
  const edges = new Map();
  for (const m of modules) {
    const from = folderOf(m.source);
    for (const d of m.dependencies) {
      const to = folderOf(d.resolved);
      if (!d.resolved.startsWith('src/') || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from).add(to);
    }
  }
  const reaches = (start, goal) => {
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length > 0) {
      for (const next of edges.get(queue.shift()) ?? []) {
        if (next === goal) return true;
        if (!seen.has(next)) seen.add(next) && queue.push(next);
      }
    }
    return false;
  };
  const found = [];
  for (const [from, targets] of edges)
    for (const to of targets)
      if (reaches(to, from))
        found.push({
          type: 'cycle',
          from,
          to,
          rule: { severity: 'error', name: 'no-folder-cycle' },
        });
  return found;
}

const violations = [
  ...cruised.summary.violations.filter((v) => v.rule.severity === 'error'),
  ...folderCycles(cruised.modules),
];

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
