import type { Diagnostic } from '../core/diagnostic.js';
import { describeInstances } from './instances.js';
import { type Snippet, snippetSource } from './snippet.js';
import { palette, severityColor } from './style.js';
import { checkedSentence, cleanSentence, problemsSentence } from './summary.js';
import { neutralizeCommand, singleLine, stripControls } from './text.js';
import type { Reporter } from './types.js';
import { stringWidth } from './width.js';

const SNIPPET_INDENT = '    ';

function groupByFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const group = groups.get(d.file);
    if (group) group.push(d);
    else groups.set(d.file, [d]);
  }
  return groups;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

// A reduce rather than Math.max(...xs): a file can carry more diagnostics than the call stack allows.
function maxOf<T>(items: readonly T[], measure: (item: T) => number): number {
  return items.reduce((max, item) => Math.max(max, measure(item)), 0);
}

function cleanText(text: string): string {
  return stripControls(singleLine(text));
}

/**
 * The default, human format: ESLint's stylish table grouped by file, each row followed by an
 * actionlint-style snippet, the instances it affects and its related locations.
 */
export const stylish: Reporter = (report, opts) => {
  const c = palette(opts.color);
  const snippet = snippetSource(opts.readSource);
  const { summary } = report;
  const out: string[] = [];

  if (report.diagnostics.length === 0) {
    return `${c.green(`✓ ${cleanSentence(summary)}`)}\n`;
  }

  for (const [file, diagnostics] of groupByFile(report.diagnostics)) {
    out.push(c.underline(neutralizeCommand(cleanText(file))));
    const lineWidth = maxOf(diagnostics, (d) => String(d.line).length);
    const colWidth = maxOf(diagnostics, (d) => String(d.column).length);
    const sevWidth = maxOf(diagnostics, (d) => d.severity.length);
    const msgWidth = maxOf(diagnostics, (d) => stringWidth(cleanText(d.message)));

    diagnostics.forEach((d, index) => {
      if (index > 0) out.push('');
      const position = `${String(d.line).padStart(lineWidth)}:${String(d.column).padEnd(colWidth)}`;
      const color = severityColor(c, d.severity);
      out.push(
        `  ${c.dim(position)}  ${color(d.severity.padEnd(sevWidth))}  ` +
          `${padEnd(cleanText(d.message), msgWidth)}  ${c.dim(d.ruleId)}`,
      );
      const shown = snippet(d.file, d);
      if (shown) out.push(...snippetLines(shown, (s) => c.dim(s), color));
      const affects = describeInstances(d.instances);
      if (affects) out.push(SNIPPET_INDENT + c.dim(cleanText(affects)));
      for (const r of d.related ?? []) {
        out.push(
          `${SNIPPET_INDENT}${c.dim('↳')} ${cleanText(`${r.file}:${r.line}:${r.column}`)} ${cleanText(r.message)}`,
        );
      }
    });
    out.push('');
  }

  const total = summary.errors > 0 ? c.red.bold : summary.warnings > 0 ? c.yellow.bold : c.blue.bold;
  out.push(total(`✖ ${problemsSentence(summary)}`));
  out.push(checkedSentence(summary));
  return `${out.join('\n')}\n`;
};

function snippetLines(
  snippet: Snippet,
  gutter: (s: string) => string,
  indicator: (s: string) => string,
): string[] {
  const number = String(snippet.lineNumber);
  const blank = ' '.repeat(number.length);
  return [
    `${SNIPPET_INDENT}${gutter(`${number} |`)}${snippet.text ? ` ${snippet.text}` : ''}`,
    `${SNIPPET_INDENT}${gutter(`${blank} |`)} ${indicator(snippet.indicator)}`,
  ];
}
