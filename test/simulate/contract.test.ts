/**
 * Cross-checks against the Atmos Go source extract: struct field order and json tags of the DTOs,
 * and the request bodies recorded in the consumer pact file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  affectedItem,
  affectedRequest,
  buildInstancesPayload,
  dependentItem,
  instancesRequest,
  type RepoInfo,
  uploadInstanceItem,
} from '../../src/simulate/bodies.js';
import { type GoStruct, marshal, marshalSize } from '../../src/simulate/gojson.js';

const ATMOS = fileURLToPath(new URL('../../../atmos-src/', import.meta.url));
const haveAtmos = existsSync(`${ATMOS}pkg/schema/schema.go`);

/** `[jsonName, omitempty]` for each field of `type <name> struct` in a Go file, in order. */
function goStructTags(file: string, name: string): [string, boolean][] {
  const src = readFileSync(`${ATMOS}${file}`, 'utf8');
  const start = src.indexOf(`type ${name} struct {`);
  expect(start, `${name} in ${file}`).toBeGreaterThanOrEqual(0);
  const body = src.slice(start, src.indexOf('\n}', start));
  const tags: [string, boolean][] = [];
  for (const m of body.matchAll(/json:"([^"]*)"/g)) {
    const [tagName, ...opts] = m[1]!.split(',');
    tags.push([tagName!, opts.includes('omitempty')]);
  }
  return tags;
}

function ourTags(s: GoStruct): [string, boolean][] {
  return s.fields.map(([n, , o]) => [n, o?.omitempty === true]);
}

const repo: RepoInfo = { url: 'https://github.com/org/repo', name: 'repo', owner: 'org', host: 'github.com' };

describe.skipIf(!haveAtmos)('struct shapes match the Go source', () => {
  it('schema.Affected', () => {
    expect(ourTags(affectedItem({ component: 'c', stack: 's' }))).toEqual(
      goStructTags('pkg/schema/schema.go', 'Affected'),
    );
  });

  it('schema.Dependent', () => {
    expect(ourTags(dependentItem({ component: 'c', stack: 's' }))).toEqual(
      goStructTags('pkg/schema/schema.go', 'Dependent'),
    );
  });

  it('dtos.UploadInstance and dtos.InstancesUploadRequest', () => {
    const item = uploadInstanceItem({
      component: 'c',
      stack: 's',
      componentType: 't',
      settings: {},
      metadata: {},
    });
    expect(ourTags(item)).toEqual(goStructTags('pkg/pro/dtos/instances.go', 'UploadInstance'));
    expect(ourTags(instancesRequest(repo, []))).toEqual(
      goStructTags('pkg/pro/dtos/instances.go', 'InstancesUploadRequest'),
    );
  });

  it('dtos.UploadAffectedStacksRequest', () => {
    expect(ourTags(affectedRequest(repo, { head: 'h', base: 'b' }, []))).toEqual(
      goStructTags('pkg/pro/dtos/upload_affected_stacks.go', 'UploadAffectedStacksRequest'),
    );
  });
});

interface PactInteraction {
  description: string;
  request: { body?: unknown };
}

function pactBody(description: string): Record<string, unknown> {
  const pact = JSON.parse(readFileSync(`${ATMOS}pacts/atmos-AtmosPro.json`, 'utf8')) as {
    interactions: PactInteraction[];
  };
  const found = pact.interactions.find((i) => i.description === description);
  expect(found, description).toBeDefined();
  return found!.request.body as Record<string, unknown>;
}

describe.skipIf(!haveAtmos)('pact request bodies rebuilt with our builders', () => {
  it('POST /instances', () => {
    const body = pactBody('a request to upload drift detection instances');
    const instances = body.instances as Record<string, string>[];
    const payload = buildInstancesPayload(
      instances.map((i) => ({
        component: i.component!,
        stack: i.stack!,
        componentType: i.component_type!,
        settings: {},
        metadata: {},
      })),
      {
        url: body.repo_url as string,
        name: body.repo_name as string,
        owner: body.repo_owner as string,
        host: body.repo_host as string,
      },
    );
    const ours = marshal(payload.request(payload.items));
    // The DTO's field order; the pact file itself stores keys sorted.
    expect(ours).toBe(
      '{"repo_url":"https://github.com/org/repo","repo_name":"repo","repo_owner":"org","repo_host":"github.com",' +
        '"instances":[{"component":"vpc","stack":"dev-us-east-1","component_type":"terraform"}]}',
    );
    // Same keys and values as the recorded body (no field missing, none extra, nothing null vs []).
    expect(JSON.parse(ours)).toEqual(body);
    // Same bytes in another order: the sorted-key form of the pact body has the same length.
    expect(marshalSize(payload.request(payload.items))).toBe(Buffer.byteLength(marshal(body)));
  });

  it('POST /affected-stacks', () => {
    const body = pactBody('a request to upload affected stacks');
    const stacks = body.stacks as Record<string, unknown>[];
    const req = affectedRequest(
      {
        url: body.repo_url as string,
        name: body.repo_name as string,
        owner: body.repo_owner as string,
        host: body.repo_host as string,
      },
      { head: body.head_sha as string, base: body.base_sha as string },
      stacks.map((s) =>
        affectedItem({
          component: s.component as string,
          stack: s.stack as string,
          settings: s.settings,
          includedInDependents: s.included_in_dependents as boolean,
        }),
      ),
    );
    const ours = marshal(req);
    expect(ours).toBe(
      '{"head_sha":"abc123def456","base_sha":"111222333444","repo_url":"https://github.com/org/repo",' +
        '"repo_name":"repo","repo_owner":"org","repo_host":"github.com","stacks":[{"component":"vpc",' +
        '"component_type":"","component_path":"","stack":"dev-us-east-1","stack_slug":"","affected":"",' +
        '"affected_all":null,"dependents":[],"included_in_dependents":false,"settings":null}]}',
    );
    expect(JSON.parse(ours)).toEqual(body);
    expect(marshalSize(req)).toBe(Buffer.byteLength(marshal(body)));
  });
});
