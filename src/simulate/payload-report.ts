import { UsageError } from '../core/errors.js';
import { type ResolveOptions, resolveRepository } from '../resolve/resolve.js';
import type { RepoInfo, UploadKind } from './bodies.js';
import { APPROX_SERVER_LIMIT_BYTES } from './chunk.js';
import {
  describeRef,
  ignoredLimitNote,
  largestItems,
  type MaxPayloadSource,
  maxPayloadSetting,
  payloadInstances,
  type RandomOrderCheck,
  simulateUpload,
  UPLOAD_COMMANDS,
  type UploadSimulation,
} from './payload.js';
import { placeholderRepoInfo, resolveRepo } from './repo.js';

export interface PayloadChunkRow {
  /** `batch_index`: 0-based. */
  index: number;
  items: number;
  /** Bytes of the whole request body. */
  bytes: number;
  overLimit: boolean;
}

export interface PayloadRepo {
  source: 'git-config' | 'override' | 'placeholder';
  /** Without credentials. */
  url: string;
  remote?: string;
}

/**
 * The `--format json` contract: the first nine keys, in this order, are fixed; the keys after them
 * are informational.
 */
export interface PayloadReport {
  upload: UploadKind;
  maxPayloadBytes: number;
  items: number;
  overheadBytes: number;
  estimatedBytes: number;
  chunked: boolean;
  chunkSize: number;
  chunks: PayloadChunkRow[];
  largestItems: { component: string; stack: string; bytes: number }[];
  maxPayloadBytesSource: MaxPayloadSource;
  repo: PayloadRepo;
  /** Items over the limit even alone in a request. */
  itemsOverLimit: { component: string; stack: string; bytes: number; requestBytes: number }[];
  /** `describe affected` sends items in random order; `chunks` are in stack/component order. */
  orderIsRandom: boolean;
  randomOrders?: RandomOrderCheck;
  serverLimitBytes: number;
  notes: string[];
}

const PLACEHOLDER = placeholderRepoInfo();
const PLACEHOLDER_TEXT = `the placeholder ${PLACEHOLDER.url} (${PLACEHOLDER.url.length} characters, owner ${PLACEHOLDER.owner}, name ${PLACEHOLDER.name})`;

function repoFor(
  cwd: string,
  repoUrl: string | undefined,
  notes: string[],
): { info: RepoInfo; repo: PayloadRepo } {
  const lookup = resolveRepo({ startDir: cwd, repoUrl });
  if (lookup.status === 'known') {
    if (lookup.credentialsInUrl) {
      notes.push(
        'The remote URL holds credentials: they are left out here and counted as masked characters of the same length.',
      );
    }
    if (lookup.source === 'git-config' && lookup.remote !== 'origin' && lookup.remotes.length > 1) {
      notes.push(
        `There is no \`origin\` remote, so the CLI picks one of ${lookup.remotes.length} remotes at random; this uses \`${lookup.remote}\`.`,
      );
    }
    return {
      info: lookup.info,
      repo: {
        source: lookup.source,
        url: lookup.displayUrl,
        ...(lookup.remote !== undefined ? { remote: lookup.remote } : {}),
      },
    };
  }
  if (lookup.source === 'override') throw new UsageError(`--repo-url: ${lookup.message}`);
  const why =
    lookup.cause === 'no-git'
      ? 'No git repository was found'
      : lookup.cause === 'no-remote'
        ? 'The git repository has no remote (`list instances --upload` would send empty repository fields and `describe affected --upload` fails)'
        : `The remote URL cannot be parsed as the CLI parses it, so both uploads fail (${lookup.message})`;
  notes.push(
    `${why}; the repository fields are sized with ${PLACEHOLDER_TEXT}. Pass --repo-url for exact sizes.`,
  );
  return { info: PLACEHOLDER, repo: { source: 'placeholder', url: PLACEHOLDER.url } };
}

export interface PayloadResult {
  report: PayloadReport;
  simulation: UploadSimulation;
}

/**
 * What `payload` is asked: where the repository is, which upload, and the overrides. The CLI and
 * the Node API (`simulatePayload`) both go through {@link planPayload}.
 */
export interface PayloadQuery extends ResolveOptions {
  upload: UploadKind;
  /** `--max-payload-bytes`: instead of `settings.pro.max_payload_bytes` of atmos.yaml. */
  maxPayloadBytes?: number;
  /** `--repo-url`: instead of the git remote, for the `repo_*` fields. */
  repoUrl?: string;
}

/**
 * Resolve the repository and plan the chosen upload. Throws UsageError for unusable options,
 * ConfigError for an unusable atmos.yaml, PayloadMarshalError when the CLI could not encode the
 * request at all.
 */
export function planPayload(query: PayloadQuery): PayloadResult {
  const flag = query.maxPayloadBytes;
  if (flag !== undefined && !Number.isFinite(flag)) {
    throw new UsageError('--max-payload-bytes must be a number of bytes');
  }
  const resolution = resolveRepository(query);
  const notes: string[] = [];
  const limit = maxPayloadSetting(resolution.config, flag);
  const ignored = ignoredLimitNote(limit);
  if (ignored) notes.push(`${ignored}.`);
  const { info, repo } = repoFor(resolution.config.cwd, query.repoUrl, notes);

  const result = simulateUpload(payloadInstances(resolution), query.upload, info, limit.bytes);
  if (!result.ok) {
    const where = result.ref ? ` in the settings of ${describeRef(result.ref)}` : '';
    throw new PayloadMarshalError(
      `${result.error.message}${where}: \`atmos ${UPLOAD_COMMANDS[query.upload]}\` fails to encode the request and uploads nothing`,
    );
  }
  const sim = result.simulation;
  const { plan } = sim;

  if (query.upload === 'affected') {
    notes.push(
      'The worst case: every instance is affected (abstract, `metadata.enabled: false` and non-affected component types are left out); head_sha and base_sha are placeholders of real length.',
      'The CLI sends these items in random order (Go map iteration), so its chunks differ from run to run; the chunks shown are in stack/component order.',
    );
  } else if (plan.itemCount === 0) {
    notes.push('There are no instances: `list instances --upload` sends nothing.');
  }
  if (!resolution.config.templates.enabled) {
    notes.push(
      'Templating is off in atmos.yaml (templates.settings.enabled): settings are uploaded as written.',
    );
  }
  if (plan.maxPayloadBytes > APPROX_SERVER_LIMIT_BYTES) {
    notes.push(
      `The limit is above the server's body limit of about 4.5 MB (${APPROX_SERVER_LIMIT_BYTES} bytes): requests between the two are answered with HTTP 413.`,
    );
  }
  const overServer = plan.chunks.filter((c) => c.overServerLimit).length;
  if (overServer > 0) {
    notes.push(
      `${overServer} request${overServer === 1 ? '' : 's'} exceed${overServer === 1 ? 's' : ''} the server's body limit of about 4.5 MB: expect HTTP 413.`,
    );
  }

  const report: PayloadReport = {
    upload: query.upload,
    maxPayloadBytes: plan.maxPayloadBytes,
    items: plan.itemCount,
    overheadBytes: plan.overhead,
    estimatedBytes: plan.estimatedBytes,
    chunked: plan.chunked,
    chunkSize: plan.chunkSize,
    chunks: plan.chunks.map((c) => ({
      index: c.index,
      items: c.count,
      bytes: c.bytes,
      overLimit: c.overLimit,
    })),
    largestItems: largestItems(sim).map((i) => ({
      component: i.ref.component,
      stack: i.ref.stack,
      bytes: i.bytes,
    })),
    maxPayloadBytesSource: limit.source,
    repo,
    itemsOverLimit: sim.oversized.map((o) => ({
      component: plan.refs[o.index]!.component,
      stack: plan.refs[o.index]!.stack,
      bytes: o.bytes,
      requestBytes: o.requestBytes,
    })),
    orderIsRandom: plan.orderIsRandom,
    ...(sim.randomOrders ? { randomOrders: sim.randomOrders } : {}),
    serverLimitBytes: APPROX_SERVER_LIMIT_BYTES,
    notes,
  };
  return { report, simulation: sim };
}

/** A settings value Go's encoder rejects: the CLI aborts the upload. */
export class PayloadMarshalError extends Error {
  override name = 'PayloadMarshalError';
}

/** Whether the plan shows a request over the limit (the exit status). */
export function hasOverLimit(report: PayloadReport): boolean {
  return report.chunks.some((c) => c.overLimit) || (report.randomOrders?.overLimitTrials ?? 0) > 0;
}
