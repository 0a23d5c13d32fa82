import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { environmentOf, interpolate, REPO_ROOT, readComposeFile } from './compose-file.js';
import { readEnvFile } from './env-file.js';

/** The parts of a Kubernetes object these checks read. */
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    replicas?: number;
    template?: { metadata: { annotations?: Record<string, string> }; spec: PodSpec };
  };
}

interface PodSpec {
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type: string } };
  containers: Container[];
}

interface Probe {
  httpGet?: { path: string; port: string | number };
  tcpSocket?: { port: string | number };
  exec?: { command: string[] };
}

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: Array<{ name: string; value?: string }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  ports?: Array<{ name: string; containerPort: number }>;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { limits?: { memory?: string } };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
}

const K8S_DIR = join(REPO_ROOT, 'deploy/k8s');
const kustomization = parseYaml(readFileSync(join(K8S_DIR, 'kustomization.yaml'), 'utf8')) as {
  resources: string[];
  namespace: string;
};
const objects: K8sObject[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(readFileSync(join(K8S_DIR, file), 'utf8')).map((doc) => doc.toJS() as K8sObject),
);
const byKind = (kind: string) => objects.filter((object) => object.kind === kind);
const workloads = objects.filter((object) => object.kind === 'Deployment' || object.kind === 'StatefulSet');
const configMap = byKind('ConfigMap')[0];
const secretExample = parseYaml(readFileSync(join(K8S_DIR, 'secret.example.yaml'), 'utf8')) as K8sObject;
const dotenv = readEnvFile(join(REPO_ROOT, '.env'));
const compose = interpolate(readComposeFile(), dotenv);
const APP_SERVICES = ['scheduler', 'dashboard', 'light-worker', 'placement-worker'];

describe('Kubernetes manifests (deploy/k8s)', () => {
  it('lists files that exist, and not the example Secret (so no default secret is ever applied)', () => {
    for (const file of kustomization.resources) expect(existsSync(join(K8S_DIR, file)), file).toBe(true);
    expect(kustomization.resources).not.toContain('secret.example.yaml');
    expect(Object.values(secretExample.stringData ?? {}).every((value) => value === '')).toBe(true);
  });

  it('has redis and a Deployment for each application service', () => {
    expect(workloads.map((w) => `${w.kind}/${w.metadata.name}`).sort()).toEqual(
      [
        'Deployment/dashboard',
        'Deployment/light-worker',
        'Deployment/placement-worker',
        'Deployment/scheduler',
        'StatefulSet/redis',
      ].sort(),
    );
  });

  it.each(workloads.map((w) => [w.metadata.name, w] as const))(
    '%s runs non-root, read-only, with probes and a memory limit',
    (_name, workload) => {
      const pod = workload.spec!.template!.spec;
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
      for (const container of pod.containers) {
        expect(container.securityContext).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.readinessProbe).toBeDefined();
        expect(container.livenessProbe).toBeDefined();
        expect(container.resources?.limits?.memory).toMatch(/^\d+(Mi|Gi)$/);
      }
    },
  );

  it.each(APP_SERVICES)('%s runs what compose runs, probed and scraped on the same port', (name) => {
    const workload = workloads.find((w) => w.kind === 'Deployment' && w.metadata.name === name)!;
    const [container] = workload.spec!.template!.spec.containers;
    const service = compose.services[name];
    const port = Number(environmentOf(service).HEALTH_PORT);
    expect(container.image).toBe('ceiling-grid');
    expect(container.command).toEqual(service.command);
    const portName = container.ports?.find((p) => p.containerPort === port)?.name;
    expect(portName).toBeDefined();
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/healthz', port: portName });
    // Liveness must not depend on Redis, or a Redis restart would restart every pod.
    expect(container.livenessProbe?.tcpSocket).toEqual({ port: portName });
    expect(workload.spec!.template!.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(port),
    });
  });

  it.each(APP_SERVICES)(
    '%s gets every setting compose gives it (ConfigMap, Secret or its own env)',
    (name) => {
      const [container] = workloads.find((w) => w.metadata.name === name)!.spec!.template!.spec.containers;
      const available = new Set((container.env ?? []).map((variable) => variable.name));
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef?.name === configMap.metadata.name)
          for (const key of Object.keys(configMap.data ?? {})) available.add(key);
        if (source.secretRef?.name === secretExample.metadata.name)
          for (const key of Object.keys(secretExample.stringData ?? {})) available.add(key);
      }
      const needed = Object.keys(environmentOf(compose.services[name])).filter(
        (key) => key !== 'HEALTH_PORT',
      );
      expect(needed.filter((key) => !available.has(key))).toEqual([]);
    },
  );

  it('the ConfigMap holds .env settings with .env values, except the production switches, and no secret', () => {
    const PRODUCTION = { NODE_ENV: 'production', API_AUTH_DISABLED: 'false' };
    for (const [key, value] of Object.entries(configMap.data ?? {})) {
      expect(key in dotenv, key).toBe(true);
      expect(value, key).toBe(PRODUCTION[key as keyof typeof PRODUCTION] ?? dotenv[key]);
      expect(key).not.toMatch(/PASSWORD|TOKEN|SECRET/);
    }
  });

  it('redis keeps an append-only file on a volume and never evicts', () => {
    const [redis] = byKind('StatefulSet')[0].spec!.template!.spec.containers;
    const args = redis.args ?? [];
    expect(args[args.indexOf('--appendonly') + 1]).toBe('yes');
    expect(args[args.indexOf('--maxmemory-policy') + 1]).toBe('noeviction');
    expect(redis.image).toBe(compose.services.redis.image);
  });
});
