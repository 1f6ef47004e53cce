/**
 * Errors raised by the template engine. All carry the span of the template text they concern so
 * callers can map them onto a source file; `goMessage` is the text Go's `text/template` would print.
 */

export interface TemplateErrorInit {
  message: string;
  offset: number;
  end: number;
  goMessage?: string;
}

export class TemplateError extends Error {
  override name = 'TemplateError';
  /** UTF-16 offset into the template text where the problem starts. */
  readonly offset: number;
  readonly end: number;
  /** The message in Go's full format, e.g. `template: name:1: unexpected "}" in operand`. */
  readonly goMessage: string;

  constructor(init: TemplateErrorInit) {
    super(init.message);
    this.offset = init.offset;
    this.end = Math.max(init.offset, init.end);
    this.goMessage = init.goMessage ?? init.message;
  }
}

/** A parse (or lex) error. */
export class TemplateSyntaxError extends TemplateError {
  override name = 'TemplateSyntaxError';
  /** 1-based line of `offset`, as Go reports it. */
  readonly line: number;
  /** Offset of the `{{` of the action the error occurred in, when there was one. */
  readonly actionOffset: number | undefined;

  constructor(init: TemplateErrorInit & { line: number; actionOffset?: number }) {
    super(init);
    this.line = init.line;
    this.actionOffset = init.actionOffset;
  }
}

/** An execution error (Go's `ExecError`). */
export class TemplateExecError extends TemplateError {
  override name = 'TemplateExecError';
}

/** Execution stopped because it exceeded the configured budget (steps, output size or depth). */
export class TemplateBudgetError extends TemplateExecError {
  override name = 'TemplateBudgetError';
}

/**
 * A function that cannot be evaluated here: it has side effects or reads the outside world
 * (`atmos.Component`, `exec`, `now`, `file.Read`, ...) or is not implemented. Callers report it; they
 * must not guess a value.
 */
export class UnsupportedFunctionError extends TemplateError {
  override name = 'UnsupportedFunctionError';
  readonly functionName: string;
  readonly reason: string;

  constructor(init: { functionName: string; reason: string; offset: number; end: number }) {
    super({
      message: `function "${init.functionName}" is not supported: ${init.reason}`,
      offset: init.offset,
      end: init.end,
    });
    this.functionName = init.functionName;
    this.reason = init.reason;
  }
}

/**
 * Thrown by function implementations; the executor wraps it as Go does (`error calling NAME: ...`).
 * Not exported from the package surface.
 */
export class FuncError extends Error {
  override name = 'FuncError';
}
