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
  resources?: { limits?: { memory?: string }; requests?: { cpu?: string; memory?: string } };
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

  it.each(['light-worker', 'placement-worker'])(
    "%s scales on CPU with a HorizontalPodAutoscaler, from its Deployment's replicas up",
    (name) => {
      const hpas = byKind('HorizontalPodAutoscaler').map((object) => object.spec as unknown as HpaSpec);
      const spec = hpas.find((hpa) => hpa.scaleTargetRef.name === name)!;
      expect(spec, `no HPA for ${name}`).toBeDefined();
      type HpaSpec = {
        scaleTargetRef: { kind: string; name: string };
        minReplicas: number;
        maxReplicas: number;
        metrics: { resource?: { name: string; target: { averageUtilization: number } } }[];
      };
      expect(spec.scaleTargetRef.kind).toBe('Deployment');
      const deployment = workloads.find((w) => w.kind === 'Deployment' && w.metadata.name === name)!;
      expect(spec.minReplicas).toBeLessThanOrEqual(deployment.spec?.replicas ?? 1);
      expect(spec.minReplicas).toBeGreaterThanOrEqual(1);
      expect(spec.maxReplicas).toBeGreaterThan(spec.minReplicas);
      const cpu = spec.metrics.find((metric) => metric.resource?.name === 'cpu');
      expect(cpu?.resource?.target.averageUtilization).toBeGreaterThan(0);
      // Utilization is measured against the request: without one the HPA cannot scale.
      expect(deployment.spec!.template!.spec.containers[0].resources?.requests?.cpu).toBeDefined();
    },
  );

  it.each(APP_SERVICES)('%s runs what compose runs, probed and scraped on the same port', (name) => {
    const workload = workloads.find((w) => w.kind === 'Deployment' && w.metadata.name === name)!;
    const [container] = workload.spec!.template!.spec.containers;
    const service = compose.services[name];
    const port = Number(environmentOf(service).HEALTH_PORT);
    expect(container.image).toBe('ceiling-grid');
    // args, not command: command would replace the image's ENTRYPOINT, tini.
    expect(container.args).toEqual(service.command);
    expect(container.command).toBeUndefined();
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
    // TRUST_PROXY: behind the ingress controller, one proxy in front.
    const PRODUCTION = { NODE_ENV: 'production', API_AUTH_DISABLED: 'false', TRUST_PROXY: '1' };
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

  it('redis requires the password from the Secret, and every service connects with it', () => {
    expect(Object.keys(secretExample.stringData ?? {})).toContain('REDIS_PASSWORD');
    const redisPod = byKind('StatefulSet')[0].spec!.template!.spec;
    const [redis] = redisPod.containers;
    const args = redis.args ?? [];
    expect(args[args.indexOf('--requirepass') + 1]).toBe('$(REDIS_PASSWORD)');
    expect(secretKeyOf(redis, 'REDIS_PASSWORD')).toBe('REDIS_PASSWORD');
    for (const name of APP_SERVICES) {
      const [container] = workloads.find((w) => w.metadata.name === name)!.spec!.template!.spec.containers;
      const env = container.env ?? [];
      expect(secretKeyOf(container, 'REDIS_PASSWORD'), name).toBe('REDIS_PASSWORD');
      const url = env.find((variable) => variable.name === 'REDIS_URL');
      // $(VAR) expands only variables defined earlier in the list.
      expect(url?.value, name).toBe('redis://:$(REDIS_PASSWORD)@redis:6379');
      expect(env.findIndex((v) => v.name === 'REDIS_PASSWORD')).toBeLessThan(env.indexOf(url!));
    }
  });

  it('exports Redis memory and clients from a sidecar Prometheus scrapes', () => {
    const redisPod = byKind('StatefulSet')[0].spec!.template!;
    const exporter = redisPod.spec.containers.find((c) => c.name === 'redis-exporter');
    expect(exporter?.image).toBe(compose.services['redis-exporter'].image?.replace('-alpine', ''));
    expect(redisPod.metadata.annotations).toMatchObject({ 'prometheus.io/port': '9121' });
    expect(secretKeyOf(exporter!, 'REDIS_PASSWORD')).toBe('REDIS_PASSWORD');
  });

  it('lets only the services reach Redis, and only the ingress controller reach the API and dashboard', () => {
    const policies = byKind('NetworkPolicy') as unknown as NetworkPolicy[];
    const deny = policies.find((p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress);
    expect(deny?.spec.policyTypes).toEqual(['Ingress']);
    const redis = policies.find(
      (p) => p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === 'redis',
    );
    expect(redis?.spec.ingress).toHaveLength(1);
    const [fromRedis] = redis!.spec.ingress!;
    expect(fromRedis.ports).toEqual([{ port: 6379, protocol: 'TCP' }]);
    expect(fromRedis.from).toHaveLength(1);
    expect(fromRedis.from[0].podSelector?.matchExpressions?.[0].values.sort()).toEqual(
      [...APP_SERVICES].sort(),
    );
    const web = policies.find((p) => p.spec.podSelector.matchExpressions?.[0]?.values.includes('scheduler'));
    expect(web?.spec.podSelector.matchExpressions?.[0].values.sort()).toEqual(['dashboard', 'scheduler']);
    expect(web?.spec.ingress?.every((rule) => rule.from.every((peer) => peer.namespaceSelector))).toBe(true);
    // No policy opens port 6379 to anything but the redis rule above.
    for (const policy of policies.filter((p) => p !== redis))
      for (const rule of policy.spec.ingress ?? [])
        expect(rule.ports?.some((port) => port.port === 6379) ?? false, policy.metadata.name).toBe(false);
  });

  it('has a disruption budget for every workload that still lets a node drain (except Redis, on purpose)', () => {
    const budgets = byKind('PodDisruptionBudget') as unknown as DisruptionBudget[];
    const names = budgets.map((b) => b.spec.selector.matchLabels['app.kubernetes.io/name']).sort();
    expect(names).toEqual(workloads.map((w) => w.metadata.name).sort());
    for (const budget of budgets) {
      const workload = workloads.find((w) => w.metadata.name === budget.metadata.name)!;
      const replicas = workload.spec?.replicas ?? 1;
      if (budget.metadata.name === 'redis') expect(budget.spec.maxUnavailable).toBe(0);
      else if (budget.spec.minAvailable !== undefined)
        expect(budget.spec.minAvailable, budget.metadata.name).toBeLessThan(replicas);
      else expect(budget.spec.maxUnavailable, budget.metadata.name).toBeGreaterThanOrEqual(1);
    }
  });
});

interface NetworkPeer {
  podSelector?: { matchExpressions?: Array<{ key: string; operator: string; values: string[] }> };
  namespaceSelector?: { matchLabels?: Record<string, string> };
}

interface NetworkPolicy {
  metadata: { name: string };
  spec: {
    podSelector: {
      matchLabels?: Record<string, string>;
      matchExpressions?: Array<{ key: string; operator: string; values: string[] }>;
    };
    policyTypes: string[];
    ingress?: Array<{ from: NetworkPeer[]; ports?: Array<{ port: number; protocol: string }> }>;
  };
}

interface DisruptionBudget {
  metadata: { name: string };
  spec: {
    minAvailable?: number;
    maxUnavailable?: number;
    selector: { matchLabels: Record<string, string> };
  };
}

/** The Secret key an environment variable of the container is read from, if any. */
function secretKeyOf(container: Container, name: string): string | undefined {
  const variable = (container.env ?? []).find((v) => v.name === name) as
    | { valueFrom?: { secretKeyRef?: { name: string; key: string } } }
    | undefined;
  return variable?.valueFrom?.secretKeyRef?.name === 'ceiling-grid-secrets'
    ? variable.valueFrom.secretKeyRef.key
    : undefined;
}
