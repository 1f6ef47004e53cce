/**
 * Atmos's own template functions (`internal/exec/template_funcs.go` `FuncMap` and
 * `pkg/templatefuncs`): the `atmos` namespace and `collectKeys`. `atmos.Component`, `atmos.Store`
 * and `atmos.GomplateDatasource` read other stacks, stores or datasources; they never run here.
 */

import { compareGoStrings } from '../gostr.js';
import { isMap, mapGet, mapHas, mapKeys, typeName, type Value } from '../values.js';
import { stringList } from './conv.js';
import { fail, fn, type GoFunction, namespace, unsupported, unsupportedCall } from './types.js';

function collectKeys(v: Value, nested: Value[]): Value {
  if (!isMap(v)) fail(`collectKeys: expected a map, got ${typeName(v)}`);
  if (nested.length === 0) return stringList(mapKeys(v).sort(compareGoStrings));
  const key = nested[0] as string;
  const seen = new Set<string>();
  for (const k of mapKeys(v)) {
    const entry = mapGet(v, k);
    if (!isMap(entry) || !mapHas(entry, key)) continue;
    const inner = mapGet(entry, key);
    if (!isMap(inner)) continue;
    for (const ik of mapKeys(inner)) seen.add(ik);
  }
  return stringList([...seen].sort(compareGoStrings));
}

export function atmosFunctions(): GoFunction[] {
  return [
    namespace('atmos', '*exec.AtmosFuncs', [
      unsupported('Component', 'it reads another component’s configuration and Terraform outputs', {
        params: ['string', 'string'],
      }),
      unsupported('GomplateDatasource', 'it reads a Gomplate datasource', {
        params: ['string'],
        variadic: 'string',
      }),
      unsupported('Store', 'it reads a value from an external store', {
        params: ['string', 'string', 'string', 'string'],
      }),
      fn('Resolve', { params: ['string'] }, ([input]) => {
        // Untagged strings pass through unchanged; tagged ones run Atmos YAML functions.
        if (!(input as string).trimStart().startsWith('!')) return input;
        return unsupportedCall('it evaluates an Atmos YAML function');
      }),
    ]),
    fn('collectKeys', { params: ['any'], variadic: 'string' }, ([v, ...nested]) => collectKeys(v, nested)),
  ];
}
