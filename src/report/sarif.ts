import type { Diagnostic, Severity } from '../core/diagnostic.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { describeInstances } from './instances.js';
import { truncate } from './text.js';
import type { Reporter, ReporterOptions } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_NAME = 'atmos-pro-lint';
/** GitHub code scanning rejects descriptions longer than this. */
const MAX_DESCRIPTION = 1024;

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

/** `pro-missing-workflows` → `ProMissingWorkflows` (SARIF `name` is meant to be an identifier). */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/**
 * A relative path as a URI reference: each segment percent-encoded, and `:` too so that a first
 * segment such as `C:` or `a:b` cannot be read as a scheme.
 */
export function pathToUri(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

function regionOf(loc: { line: number; column: number; endLine: number; endColumn: number }): Region {
  const startLine = Math.max(1, loc.line);
  const startColumn = Math.max(1, loc.column);
  const endLine = Math.max(startLine, loc.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, loc.endColumn) : Math.max(1, loc.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

function physicalLocation(file: string, loc: Parameters<typeof regionOf>[0]) {
  return {
    artifactLocation: { uri: pathToUri(file), uriBaseId: '%SRCROOT%' },
    region: regionOf(loc),
  };
}

function ruleDescriptor(rule: RuleMeta, opts: ReporterOptions) {
  const description = truncate(rule.description || rule.id, MAX_DESCRIPTION);
  const markdown = opts.helpMarkdown(rule.id) || description;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: description },
    fullDescription: { text: description },
    help: { text: markdown, markdown },
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
    properties: { tags: [rule.category] },
  };
}

/** A descriptor for a diagnostic whose rule is not registered (e.g. a resolver pseudo-rule). */
function adHocDescriptor(d: Diagnostic) {
  return {
    id: d.ruleId,
    name: pascalCase(d.ruleId),
    shortDescription: { text: d.ruleId },
    fullDescription: { text: d.ruleId },
    help: { text: d.ruleId },
    defaultConfiguration: { level: sarifLevel(d.severity) },
  };
}

function resultMessage(d: Diagnostic): string {
  const affects = describeInstances(d.instances);
  const message = d.message || d.ruleId;
  return affects ? `${message} (${affects})` : message;
}

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * SARIF 2.1.0 for GitHub code scanning. No `partialFingerprints`: upload-sarif computes
 * `primaryLocationLineHash` from the source, and a home-made hash would only fight it.
 */
export const sarif: Reporter = (report, opts) => {
  const rules: ReturnType<typeof ruleDescriptor | typeof adHocDescriptor>[] = report.rules.map((r) =>
    ruleDescriptor(r, opts),
  );
  const index = new Map<string, number>();
  rules.forEach((r, i) => {
    if (!index.has(r.id)) index.set(r.id, i);
  });

  const results = report.diagnostics.map((d) => {
    let ruleIndex = index.get(d.ruleId);
    if (ruleIndex === undefined) {
      ruleIndex = rules.push(adHocDescriptor(d)) - 1;
      index.set(d.ruleId, ruleIndex);
    }
    const result: Record<string, unknown> = {
      ruleId: d.ruleId,
      ruleIndex,
      level: sarifLevel(d.severity),
      message: { text: resultMessage(d) },
      locations: [{ physicalLocation: physicalLocation(d.file, d) }],
    };
    if (d.related && d.related.length > 0) {
      result.relatedLocations = d.related.map((r, id) => ({
        id,
        physicalLocation: physicalLocation(r.file, r),
        message: { text: r.message || d.ruleId },
      }));
    }
    return result;
  });

  const driver: Record<string, unknown> = { name: TOOL_NAME };
  if (SEMVER.test(report.toolVersion)) driver.semanticVersion = report.toolVersion;
  if (report.toolVersion) driver.version = report.toolVersion;
  driver.rules = rules;

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{ tool: { driver }, columnKind: 'utf16CodeUnits', results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
