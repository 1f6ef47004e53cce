/**
 * Atmos's YAML function tags (pkg/function/tag/tag.go `All`). Any other explicit local tag in a stack
 * manifest is a hard error in Atmos (`ErrUnsupportedYamlTag`); `!!`-tags are standard YAML.
 */
export const ATMOS_TAGS: readonly string[] = [
  '!exec',
  '!secret',
  '!store',
  '!store.get',
  '!template',
  '!terraform.output',
  '!terraform.state',
  '!env',
  '!cel',
  '!include',
  '!include.raw',
  '!repo-root',
  '!git.root',
  '!git.sha',
  '!git.branch',
  '!git.ref',
  '!git.repository',
  '!git.owner',
  '!git.name',
  '!git.host',
  '!git.url',
  '!append',
  '!cwd',
  '!unset',
  '!random',
  '!literal',
  '!aws.account_id',
  '!aws.caller_identity_arn',
  '!aws.caller_identity_user_id',
  '!aws.region',
  '!aws.organization_id',
  '!emulator',
  '!version',
  '!tags',
  '!labels',
  '!labels.keys',
  '!labels.values',
];

const TAG_SET = new Set(ATMOS_TAGS);

export function isAtmosTag(tag: string): boolean {
  return TAG_SET.has(tag);
}

/** The tags Atmos resolves while loading `atmos.yaml` (pkg/config/process_yaml.go). */
export const CONFIG_TAGS: readonly string[] = [
  '!env',
  '!exec',
  '!include',
  '!include.raw',
  '!repo-root',
  '!git.root',
  '!git.sha',
  '!git.branch',
  '!git.ref',
  '!git.repository',
  '!git.owner',
  '!git.name',
  '!git.host',
  '!git.url',
  '!cwd',
  '!random',
  '!unset',
  '!append',
];

/** Atmos wraps `!append` lists in a one-key map that the merge recognises (pkg/utils/yaml_func_append.go). */
export const APPEND_KEY = '__atmos_append__';
