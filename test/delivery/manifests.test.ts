import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/fixtures.js';

const SCHEMAS = resolve(ROOT, '../shared/schemas');
// ajv-formats is CommonJS whose module.exports is the plugin itself.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

function validator(file: string) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')));
}

describe.skipIf(!existsSync(SCHEMAS))('delivery manifests validate against their ecosystem schemas', () => {
  it('.pre-commit-hooks.yaml', () => {
    const validate = validator('pre-commit-hooks.json');
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    expect(validate(hooks), JSON.stringify(validate.errors)).toBe(true);
    expect(hooks[0]).toMatchObject({
      id: 'atmos-pro-lint',
      language: 'node',
      require_serial: true,
      types: ['yaml'],
    });
    // The files pattern catches stack manifests and the configuration, not arbitrary YAML.
    const re = new RegExp(hooks[0].files);
    for (const p of [
      'stacks/orgs/acme/dev.yaml',
      'infra/stacks/catalog/vpc.yml',
      'atmos.yaml',
      '.atmos-pro-lint.yaml',
    ]) {
      expect(re.test(p), p).toBe(true);
    }
    for (const p of ['.github/workflows/ci.yaml', 'docker-compose.yml']) expect(re.test(p), p).toBe(false);
  });

  it('action.yml', () => {
    const validate = validator('github-action.json');
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    expect(validate(action), JSON.stringify(validate.errors)).toBe(true);
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['working-directory', 'format', 'fail-on', 'sarif-file']),
    );
  });
});
