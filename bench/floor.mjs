// The physical floor of any linter on a repository: read every YAML file once and parse it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

const root = process.argv[2];
let files = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.ya?ml$/.test(e.name)) {
      parseDocument(readFileSync(p, 'utf8'));
      files++;
    }
  }
};
walk(root);
process.stdout.write(`${files}\n`);
