import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAtmosConfigFile } from '../../src/generated/validators.js';
import { CORPUS, loadYamlFile } from './helpers.js';

// The whole-file schema editors associate with atmos.yaml: open everywhere Atmos is open, strict in
// settings.pro (the Atmos Pro client settings).
describe.skipIf(!existsSync(CORPUS))('atmos-config schema', () => {
  const configs = readdirSync(CORPUS)
    .map((d) => join(CORPUS, d, 'atmos.yaml'))
    .filter((p) => existsSync(p));

  it('accepts every atmos.yaml of the corpus', () => {
    expect(configs.length).toBeGreaterThan(20);
    for (const path of configs) {
      const ok = validateAtmosConfigFile(loadYamlFile(path));
      expect(ok, `${path}: ${JSON.stringify(validateAtmosConfigFile.errors)}`).toBe(true);
    }
  });

  it('rejects a bad settings.pro and only there', () => {
    expect(
      validateAtmosConfigFile({ anything: { goes: [1] }, settings: { pro: { max_payload_bytes: '4MB' } } }),
    ).toBe(false);
    expect(validateAtmosConfigFile.errors?.[0]?.instancePath).toBe('/settings/pro/max_payload_bytes');
    expect(validateAtmosConfigFile({ settings: { pro: { workspace_id: 'ws', pull_request: {} } } })).toBe(
      false,
    );
    expect(validateAtmosConfigFile({ settings: 'not a map' })).toBe(true);
  });
});
