declare const __VERSION__: string | undefined;

/** Injected by the bundler; read from package.json when running from source (tests). */
export const VERSION: string =
  typeof __VERSION__ === 'string' ? __VERSION__ : (process.env.npm_package_version ?? '0.0.0-dev');
