/**
 * Maps from YAML keys: objects with no inherited properties, so `__proto__`, `constructor` or
 * `toString` are ordinary keys and nothing can reach Object.prototype. Unlike
 * `Object.create(null)`, whose objects V8 keeps in slow dictionary mode, instances of a constructor
 * whose prototype is an empty null-prototype object keep fast properties (about 6× faster to build
 * and copy, which matters with tens of thousands of merged component sections).
 */
function Dict(this: object) {}
Dict.prototype = Object.create(null) as object;

export const DICT_PROTOTYPE: object = Dict.prototype;

export function dict<T = unknown>(): Record<string, T> {
  return new (Dict as unknown as new () => Record<string, T>)();
}

/** Whether `proto` is one a plain data map has: Object.prototype, null, or dict()'s. */
export function isPlainMapPrototype(proto: unknown): boolean {
  return proto === Object.prototype || proto === null || proto === DICT_PROTOTYPE;
}
