// Writes generated/<dashboard>.ts for every grafana/dashboards/*.json: the JSON as an object literal typed
// LimbicDashboard, so `tsc` checks it against Grafana's dashboard model (excess and misspelt keys included).
import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dashboards = join(here, '..', '..', '..', 'grafana', 'dashboards');
const out = join(here, 'generated');
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
const files = readdirSync(dashboards).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`no dashboards in ${dashboards}`);
  process.exit(1);
}
for (const file of files) {
  const json = JSON.parse(readFileSync(join(dashboards, file), 'utf8'));
  const name = basename(file, '.json');
  writeFileSync(join(out, `${name}.ts`),
    `// Generated from grafana/dashboards/${file} by generate.mjs; do not edit.\n` +
    `import type { LimbicDashboard } from '../limbic-dashboard';\n\n` +
    `export const dashboard: LimbicDashboard = ${JSON.stringify(json, null, 2)};\n`);
}
console.log(`generated ${files.length} dashboard type checks in ${out}`);
