import {
  type Document,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
  visit,
} from 'yaml';
import type { Loc, SourceFile } from '../core/source.js';
import {
  type DispatchContract,
  INPUT_TYPES,
  type InputDef,
  type InputType,
  type Trigger,
  type Workflow,
  type WorkflowFinding,
} from './types.js';

export interface ParsedWorkflow {
  workflow: Workflow;
  /** The fatal problem (also in `workflow.parseError`) and any non-fatal ones. */
  findings: WorkflowFinding[];
}

/**
 * Models one workflow file: its triggers and, when it has one, its `workflow_dispatch` contract.
 * Only what a dispatch cross-check needs is read; jobs and steps are left alone.
 */
export function parseWorkflow(file: SourceFile, fileName: string): ParsedWorkflow {
  const workflow: Workflow = { file, fileName, triggers: new Map() };
  const findings: WorkflowFinding[] = [];
  const fail = (message: string, start: number, end: number): ParsedWorkflow => {
    // Collection ranges run on to the next line; stop the highlight at the last visible character.
    while (end > start && /\s/.test(file.text[end - 1] ?? '')) end--;
    const finding: WorkflowFinding = { code: 'workflow-parse-error', message, loc: { file, start, end } };
    workflow.parseError = finding;
    findings.unshift(finding);
    return { workflow, findings };
  };

  const doc = parseDocument(file.text, { prettyErrors: false, keepSourceTokens: false, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const [start, end] =
      firstError.code === 'DUPLICATE_KEY' ? keySpanAt(doc, firstError.pos) : firstError.pos;
    return fail(`${fileName} is not valid YAML: ${firstError.message}`, start, end);
  }
  const root = deref(doc, doc.contents);
  if (root === undefined || (isScalar(root) && root.value === null)) {
    return fail(`${fileName} is empty; a workflow needs at least "on" and "jobs"`, 0, 0);
  }
  if (!isMap(root)) {
    const [start, end] = rangeOf(root);
    return fail(`${fileName} must be a mapping at the top level, found ${kindName(root)}`, start, end);
  }

  // YAML 1.2 (our parser) reads `on` as a string. A file that went through a YAML 1.1 tool may carry
  // the key as boolean `true` instead; accept it too, preferring a real `on` when both are present.
  let onPair: { key: Node; value: Node | undefined } | undefined;
  let truePair: typeof onPair;
  for (const pair of root.items) {
    if (!isPair(pair)) continue;
    const key = deref(doc, pair.key);
    const value = deref(doc, pair.value);
    if (!isScalar(key)) continue;
    if (key.value === 'on' && !onPair) onPair = { key, value };
    else if (key.value === true && !truePair) truePair = { key, value };
    else if (key.value === 'name' && isScalar(value) && value.value !== null)
      workflow.name = scalarText(value);
  }
  const on = onPair ?? truePair;
  if (!on) {
    const [start] = rangeOf(root);
    const firstKey = root.items[0] && isPair(root.items[0]) ? deref(doc, root.items[0].key) : undefined;
    const end = firstKey ? rangeOf(firstKey)[1] : start;
    return fail(`${fileName} has no "on" section, so no event can trigger it`, start, end);
  }

  const problem = readTriggers(doc, file, on.key, on.value, workflow, findings);
  if (problem) return fail(`${fileName}: ${problem.message}`, problem.start, problem.end);
  return { workflow, findings };
}

interface Problem {
  message: string;
  start: number;
  end: number;
}

function readTriggers(
  doc: Document,
  file: SourceFile,
  onKey: Node,
  value: Node | undefined,
  workflow: Workflow,
  findings: WorkflowFinding[],
): Problem | undefined {
  const [keyStart, keyEnd] = rangeOf(onKey);
  if (value === undefined || (isScalar(value) && value.value === null)) {
    return { message: '"on" lists no events', start: keyStart, end: keyEnd };
  }
  if (isScalar(value)) {
    if (typeof value.value !== 'string') {
      return {
        message: `"on" must be an event name, a list or a mapping, found ${kindName(value)}`,
        ...span(value),
      };
    }
    addTrigger(workflow, file, value.value, value, undefined);
    return undefined;
  }
  if (isSeq(value)) {
    if (value.items.length === 0) return { message: '"on" lists no events', ...span(value) };
    for (const raw of value.items) {
      const item = deref(doc, raw);
      if (!isScalar(item) || typeof item.value !== 'string') {
        const at = item ?? value;
        return { message: `an "on" list item must be an event name, found ${kindName(at)}`, ...span(at) };
      }
      addTrigger(workflow, file, item.value, item, undefined);
    }
    return undefined;
  }
  if (isMap(value)) {
    if (value.items.length === 0) return { message: '"on" lists no events', ...span(value) };
    for (const pair of value.items) {
      const key = deref(doc, pair.key);
      if (!isScalar(key) || key.value === null) {
        const at = key ?? value;
        return { message: 'an "on" key must be an event name', ...span(at) };
      }
      const event = scalarText(key);
      const config = deref(doc, pair.value);
      addTrigger(workflow, file, event, key, readTypes(doc, config));
      // Keys are unique (the parser rejects duplicates), so this is the one dispatch trigger.
      if (event === 'workflow_dispatch' && workflow.dispatch) {
        workflow.dispatch.inputs = readInputs(doc, file, config, findings);
      }
    }
    return undefined;
  }
  return {
    message: `"on" must be an event name, a list or a mapping, found ${kindName(value)}`,
    ...span(value),
  };
}

function addTrigger(
  workflow: Workflow,
  file: SourceFile,
  event: string,
  node: Node,
  types: string[] | undefined,
): void {
  if (workflow.triggers.has(event)) return;
  const [start, end] = rangeOf(node);
  const loc: Loc = { file, start, end };
  const trigger: Trigger = { event, loc };
  if (types) trigger.types = types;
  workflow.triggers.set(event, trigger);
  if (event === 'workflow_dispatch') workflow.dispatch = { loc, inputs: new Map() };
}

function readTypes(doc: Document, config: Node | undefined): string[] | undefined {
  if (!isMap(config)) return undefined;
  const types = deref(doc, mapGet(doc, config, 'types'));
  if (isScalar(types) && types.value !== null) return [scalarText(types)];
  if (isSeq(types)) {
    const out: string[] = [];
    for (const raw of types.items) {
      const item = deref(doc, raw);
      if (isScalar(item) && item.value !== null) out.push(scalarText(item));
    }
    return out;
  }
  return undefined;
}

function readInputs(
  doc: Document,
  file: SourceFile,
  config: Node | undefined,
  findings: WorkflowFinding[],
): DispatchContract['inputs'] {
  const inputs: DispatchContract['inputs'] = new Map();
  if (!isMap(config)) return inputs;
  const section = deref(doc, mapGet(doc, config, 'inputs'));
  if (!isMap(section)) return inputs;
  for (const pair of section.items) {
    const key = deref(doc, pair.key);
    if (!isScalar(key) || key.value === null) continue;
    const def = readInput(doc, file, key, deref(doc, pair.value));
    const id = def.id.toLowerCase();
    const first = inputs.get(id);
    if (first) {
      // GitHub lowercases input ids, so `Env` and `env` collide; the first one is kept.
      findings.push({
        code: 'workflow-parse-error',
        message: `input "${def.id}" clashes with input "${first.id}": GitHub compares input ids case-insensitively`,
        loc: def.loc,
      });
      continue;
    }
    inputs.set(id, def);
  }
  return inputs;
}

function readInput(doc: Document, file: SourceFile, key: Node, spec: Node | undefined): InputDef {
  const [start, end] = rangeOf(key);
  const def: InputDef = {
    id: scalarText(key),
    type: 'string',
    typeWritten: false,
    required: false,
    loc: { file, start, end },
  };
  if (!isMap(spec)) return def;
  for (const pair of spec.items) {
    const attrKey = deref(doc, pair.key);
    const attr = deref(doc, pair.value);
    if (!isScalar(attrKey)) continue;
    switch (attrKey.value) {
      case 'description':
        if (isScalar(attr) && attr.value !== null) def.description = scalarText(attr);
        break;
      case 'required':
        def.required = isScalar(attr) && isTrue(attr.value);
        break;
      case 'default':
        if (isScalar(attr)) {
          const v = attr.value;
          if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') def.default = v;
          else if (typeof v === 'bigint') def.default = scalarText(attr);
        }
        break;
      case 'type':
        if (isScalar(attr) && attr.value !== null) {
          const written = scalarText(attr);
          def.typeWritten = true;
          if ((INPUT_TYPES as readonly string[]).includes(written)) def.type = written as InputType;
          else def.invalidType = written;
        }
        break;
      case 'options':
        if (isSeq(attr)) {
          def.options = [];
          for (const raw of attr.items) {
            const item = deref(doc, raw);
            if (isScalar(item) && item.value !== null) def.options.push(scalarText(item));
          }
        }
        break;
    }
  }
  return def;
}

/** `required: true`, or the string "true" in any case; anything else (including `${{ }}`) is false. */
function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/** The parser marks one character of a duplicate key; widen that to the whole key. */
function keySpanAt(doc: Document, pos: [number, number]): [number, number] {
  let span = pos;
  visit(doc, {
    Pair(_, pair) {
      const range = isNode(pair.key) ? pair.key.range : undefined;
      if (range && range[0] === pos[0]) {
        span = [range[0], range[1]];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return span;
}

function deref(doc: Document, node: unknown): Node | undefined {
  if (isAlias(node)) return node.resolve(doc) ?? undefined;
  if (isScalar(node) || isMap(node) || isSeq(node)) return node;
  return undefined;
}

function mapGet(doc: Document, map: Node, name: string): Node | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    const key = deref(doc, pair.key);
    if (isScalar(key) && key.value === name) return pair.value as Node | undefined;
  }
  return undefined;
}

/**
 * The text GitHub sees for a scalar: strings as parsed, other plain scalars as written, so that
 * `1.0` stays "1.0" and `yes` stays "yes" rather than becoming 1 or a boolean.
 */
function scalarText(node: Node): string {
  if (!isScalar(node)) return '';
  if (typeof node.value === 'string') return node.value;
  if (typeof node.source === 'string') return node.source;
  return String(node.value);
}

function rangeOf(node: Node): [number, number] {
  const range = node.range;
  if (!range) return [0, 0];
  return [range[0], range[1]];
}

function span(node: Node): { start: number; end: number } {
  const [start, end] = rangeOf(node);
  return { start, end };
}

function kindName(node: Node): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'null';
    return `${typeof node.value === 'string' ? 'the string' : `the ${typeof node.value}`} "${scalarText(node)}"`;
  }
  return 'an unknown node';
}
