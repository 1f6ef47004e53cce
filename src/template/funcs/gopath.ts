/** Go's `path` package (lexical slash-separated paths), shared by Sprig and Gomplate. */

export function pathClean(path: string): string {
  if (path === '') return '.';
  const rooted = path[0] === '/';
  const n = path.length;
  const out: string[] = [];
  let r = 0;
  let dotdot = 0;
  if (rooted) {
    out.push('/');
    r = 1;
    dotdot = 1;
  }
  while (r < n) {
    if (path[r] === '/') r++;
    else if (path[r] === '.' && (r + 1 === n || path[r + 1] === '/')) r++;
    else if (path[r] === '.' && path[r + 1] === '.' && (r + 2 === n || path[r + 2] === '/')) {
      r += 2;
      if (out.length > dotdot) {
        out.pop();
        while (out.length > dotdot && out[out.length - 1] !== '/') out.pop();
        // Remove the separator that preceded the dropped element.
        if (out.length > dotdot && out[out.length - 1] === '/') out.pop();
      } else if (!rooted) {
        if (out.length > 0) out.push('/');
        out.push('.', '.');
        dotdot = out.length;
      }
    } else {
      if ((rooted && out.length !== 1) || (!rooted && out.length !== 0)) out.push('/');
      let seg = '';
      for (; r < n && path[r] !== '/'; r++) seg += path[r];
      for (const c of seg) out.push(c);
    }
  }
  if (out.length === 0) return '.';
  return out.join('');
}

export function pathBase(path: string): string {
  if (path === '') return '.';
  while (path.length > 0 && path.endsWith('/')) path = path.slice(0, -1);
  const i = path.lastIndexOf('/');
  if (i >= 0) path = path.slice(i + 1);
  return path === '' ? '/' : path;
}

export function pathDir(path: string): string {
  const i = path.lastIndexOf('/');
  return pathClean(path.slice(0, i + 1));
}

export function pathExt(path: string): string {
  for (let i = path.length - 1; i >= 0 && path[i] !== '/'; i--) if (path[i] === '.') return path.slice(i);
  return '';
}

export function pathIsAbs(path: string): boolean {
  return path.startsWith('/');
}

export function pathJoin(elems: string[]): string {
  const nonEmpty = elems.filter((e) => e !== '');
  return nonEmpty.length === 0 ? '' : pathClean(nonEmpty.join('/'));
}

export function pathSplit(path: string): [string, string] {
  const i = path.lastIndexOf('/');
  return [path.slice(0, i + 1), path.slice(i + 1)];
}
