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
  // strict off: the schema still carries draft-04 `id` keywords next to `$schema` 2019-09.
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', (text: string) => durationSeconds(text) !== undefined);
  ajv.addFormat('ports', { type: 'number', validate: (port: number) => Number.isInteger(port) && port > 0 });
  ajv.addFormat('ports', (text: string) => PORT.test(text));
  ajv.addFormat('expose', (text: string) => /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/.test(text));
  ajv.addFormat('subnet_ip_address', (text: string) => /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(text));
  const schema = JSON.parse(readFileSync(COMPOSE_SPEC_PATH, 'utf8')) as Record<string, unknown>;
  delete schema.$schema; // Ajv2019 knows the draft; the trailing '#' form is not a registered meta-schema id
  const validate = ajv.compile(schema);
  return (document) => (validate(document) ? [] : [...(validate.errors ?? [])]);
}
