import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019, type ErrorObject } from 'ajv/dist/2019.js';
import { durationSeconds } from './compose-file.js';

/**
 * The Compose specification's JSON schema, vendored from Debian's docker-compose 1.29.2
 * package (compose/config/compose_spec.json, Apache-2.0; see fixtures/README.md).
 */
export const COMPOSE_SPEC_PATH = join(import.meta.dirname, 'fixtures', 'compose-spec.json');

// `[host_ip:]published[-range]:target[-range][/protocol]` or a bare target, as Compose accepts.
const PORT = /^((\[[0-9a-fA-F:.]+\]|[0-9.]+|[0-9a-fA-F:]+):)??(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/;

/** A validator of (interpolated) Compose files against the Compose specification schema. */
export function composeValidator(): (document: unknown) => ErrorObject[] {
  // Union types (`"type": ["string", "number"]`) are how the spec writes most scalar options.
  const ajv = new Ajv2019({ strict: true, allowUnionTypes: true, allErrors: true });
  ajv.addFormat('duration', (text: string) => durationSeconds(text) !== undefined);
  // String formats only: Ajv applies a format to values of its type, numeric ports pass as numbers.
  ajv.addFormat('ports', (text: string) => PORT.test(text));
  ajv.addFormat('expose', (text: string) => /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/.test(text));
  ajv.addFormat('subnet_ip_address', (text: string) => /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(text));
  const schema = withoutDraft4Ids(JSON.parse(readFileSync(COMPOSE_SPEC_PATH, 'utf8'))) as Record<
    string,
    unknown
  >;
  delete schema.$schema; // Ajv2019 knows the draft; the trailing '#' form is not a registered meta-schema id
  const validate = ajv.compile(schema);
  return (document) => (validate(document) ? [] : [...(validate.errors ?? [])]);
}

/**
 * The schema still carries draft-04 `id` keywords (`"id": "#/definitions/service"`), which
 * Ajv refuses. They only restate each node's JSON pointer (every `$ref` is a pointer), so
 * they can go without changing what validates.
 */
function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}
