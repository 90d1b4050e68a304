import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { type AppConfig, loadAppConfigs } from './app-configs';
import { renderTopicsScript, repoRoot, TOPICS_JSON, TOPICS_SCRIPT } from './kafka-topics';

// The manifests are checked against what the apps really read and serve: their own zod config
// schemas (keys, defaults, validation), their source files, and each other. No second list.

// Rendered Kubernetes objects are plain YAML; the checks read them by path.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type K8sObject = any;

type App = AppConfig;

// A computed path: each app is loaded the same way, and new apps are picked up.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadApps = (): App[] => loadAppConfigs(repoRoot, (modulePath) => require(path.join(repoRoot, modulePath)));

function kustomizeBinary(): string {
  const versions = readFileSync(path.join(repoRoot, 'tools/ops/versions.env'), 'utf8');
  const version = /^KUSTOMIZE_VERSION=(\S+)/m.exec(versions)?.[1];
  const cache = process.env.PATHWISE_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'pathwise');
  const binary = path.join(cache, 'tools', `kustomize-${version}`, 'bin', 'kustomize');
  if (!existsSync(binary)) {
    throw new Error(`kustomize ${version} is not built at ${binary}: run \`bash tools/ops/check.sh --tools\` first (npm test does, in its operations phase)`);
  }
  return binary;
}

function render(binary: string, overlay: string): K8sObject[] {
  const yaml = execFileSync(binary, ['build', path.join(repoRoot, 'k8s/overlays', overlay)], { encoding: 'utf8' });
  return parseAllDocuments(yaml).map((doc) => doc.toJS());
}

const find = (objects: K8sObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const portOf = (url: string) => Number(new URL(url).port || { 'postgres:': 5432, 'postgresql:': 5432, 'redis:': 6379, 'rediss:': 6379 }[new URL(url).protocol]);

/** Secrets are never committed; the example shows their keys and URL shapes. */
function secretExample(): Map<string, Record<string, string>> {
  const docs = parseAllDocuments(readFileSync(path.join(repoRoot, 'k8s/secret.example.yaml'), 'utf8')).map((doc) => doc.toJS());
  return new Map(docs.map((doc) => [doc.metadata.name as string, doc.stringData as Record<string, string>]));
}

/** The value each env entry resolves to in a rendered overlay (secrets from the example). */
function resolveEnv(objects: K8sObject[], secrets: Map<string, Record<string, string>>, container: K8sObject): Map<string, string> {
  const values = new Map<string, string>();
  for (const entry of container.env ?? []) {
    const configMapRef = entry.valueFrom?.configMapKeyRef;
    const secretRef = entry.valueFrom?.secretKeyRef;
    if (configMapRef) {
      const configMap = find(objects, 'ConfigMap', configMapRef.name);
      if (!configMap) throw new Error(`${container.name}: ConfigMap ${configMapRef.name} is not in the overlay`);
      values.set(entry.name, configMap.data[configMapRef.key]);
    } else if (secretRef) {
      const secret = secrets.get(secretRef.name);
      if (!secret?.[secretRef.key]) throw new Error(`${container.name}: ${secretRef.name}/${secretRef.key} is not in k8s/secret.example.yaml`);
      values.set(entry.name, secret[secretRef.key]);
    } else {
      values.set(entry.name, entry.value);
    }
  }
  return values;
}

type Peer = `app:${string}` | `ns:${string}`;
interface Rule {
  peers: Peer[];
  ports: number[];
}

/** NetworkPolicy rules that apply to an app's pods, per direction, as (peer, port) pairs. */
function allowed(objects: K8sObject[], app: string, direction: 'ingress' | 'egress'): Set<string> {
  const pairs = new Set<string>();
  for (const policy of byKind(objects, 'NetworkPolicy')) {
    const selector = policy.spec.podSelector;
    const labels = { 'app.kubernetes.io/name': app, 'app.kubernetes.io/component': 'service' } as Record<string, string>;
    const selects = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value) && !selector.matchExpressions;
    if (!selects) continue;
    for (const rule of (policy.spec[direction] ?? []) as K8sObject[]) {
      const peers: Peer[] = (rule[direction === 'ingress' ? 'from' : 'to'] ?? []).map((peer: K8sObject) =>
        peer.podSelector && !peer.namespaceSelector
          ? `app:${peer.podSelector.matchLabels['app.kubernetes.io/name']}`
          : `ns:${Object.entries(peer.namespaceSelector.matchLabels).map(([k, v]) => `${k}=${v}`).join(',')}`,
      );
      const parsed: Rule = { peers, ports: (rule.ports ?? []).map((port: K8sObject) => port.port) };
      for (const peer of parsed.peers) for (const port of parsed.ports) pairs.add(`${peer}:${port}`);
    }
  }
  return pairs;
}

/** What an app must reach, from the env keys its schema reads and the values the overlay gives them. */
function needs(apps: App[], app: App, env: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [key, value] of env) {
    if (key.endsWith('_DATABASE_URL')) out.push(`ns:pathwise.dev/postgres=true:${portOf(value)}`);
    else if (key === 'REDIS_URL') out.push(`ns:pathwise.dev/redis=true:${portOf(value)}`);
    else if (key === 'KAFKA_BROKERS') out.push(...value.split(',').map((broker) => `ns:pathwise.dev/kafka=true:${broker.split(':')[1]}`));
    else if (key === 'TEMPORAL_ADDRESS') out.push(`ns:pathwise.dev/temporal=true:${value.split(':')[1]}`);
    else if (/^https?:\/\//.test(value)) {
      const host = new URL(value).hostname;
      const target = apps.find((other) => other.name === host);
      if (!target) throw new Error(`${app.name}: ${key}=${value} names no app`);
      out.push(`app:${target.name}:${target.port}`);
    }
  }
  return [...new Set(out)].sort();
}

describe('Kubernetes manifests against the apps', () => {
  const apps = loadApps();
  const secrets = secretExample();
  let kustomize: string;

  beforeAll(() => {
    kustomize = kustomizeBinary();
  });

  it('when the apps are discovered, then all five are there', () => {
    expect(apps.map((app) => app.name).sort()).toEqual(['catalog', 'gateway', 'progress', 'recommendation', 'saga-worker']);
  });

  describe.each(['dev', 'production'])('overlay %s', (overlay) => {
    let objects: K8sObject[];
    let jobs: K8sObject[];
    beforeAll(() => {
      objects = render(kustomize, overlay);
      jobs = render(kustomize, `${overlay}/jobs`);
    });

    const containerOf = (app: string) => find(objects, 'Deployment', app).spec.template.spec.containers[0];

    it('when each Deployment is read, then its port, Service and probes are the ones the app serves', () => {
      for (const app of apps) {
        const container = containerOf(app.name);
        const env = resolveEnv(objects, secrets, container);
        const port = app.schema.shape[`${app.prefix}_HTTP_PORT`].parse(env.get(`${app.prefix}_HTTP_PORT`));
        expect({ app: app.name, ports: container.ports }).toEqual({ app: app.name, ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }] });
        expect({ app: app.name, bind: env.get(`${app.prefix}_HTTP_HOST`) }).toEqual({ app: app.name, bind: '0.0.0.0' });
        expect(find(objects, 'Service', app.name).spec.ports).toEqual([{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }]);
        const probe = (name: string) => container[name]?.httpGet;
        expect({ app: app.name, live: probe('livenessProbe'), ready: probe('readinessProbe'), startup: probe('startupProbe') }).toEqual({
          app: app.name,
          live: { path: '/health/live', port: 'http' },
          ready: { path: '/health/ready', port: 'http' },
          startup: { path: '/health/live', port: 'http' },
        });
      }
    });

    it('when env is compared with each config schema, then every key is read by the app, every required key is set and every value parses', () => {
      for (const app of apps) {
        const env = resolveEnv(objects, secrets, containerOf(app.name));
        const keys = Object.keys(app.schema.shape);
        expect({ app: app.name, unknown: [...env.keys()].filter((key) => !keys.includes(key)) }).toEqual({ app: app.name, unknown: [] });
        const required = keys.filter((key) => !app.schema.shape[key].safeParse(undefined).success);
        expect({ app: app.name, missing: required.filter((key) => !env.has(key)) }).toEqual({ app: app.name, missing: [] });
        // A default that points at 127.0.0.1 (right for `npm start`) is wrong in a pod.
        const loopback = keys.filter((key) => /\/\/(127\.0\.0\.1|localhost)[:/]/.test(String(app.schema.shape[key].safeParse(undefined).data ?? '')));
        expect({ app: app.name, loopbackDefaults: loopback.filter((key) => !env.has(key)) }).toEqual({ app: app.name, loopbackDefaults: [] });
        const result = app.schema.safeParse(Object.fromEntries(env));
        expect({ app: app.name, issues: result.success ? [] : result.error.issues.map((issue) => issue.path.join('.')) }).toEqual({ app: app.name, issues: [] });
      }
    });

    it('when NetworkPolicies are read, then each app may reach exactly what its config points at, on the real ports', () => {
      for (const app of apps) {
        const env = resolveEnv(objects, secrets, containerOf(app.name));
        const egress = allowed(objects, app.name, 'egress');
        expect({ app: app.name, blocked: needs(apps, app, env).filter((need) => !egress.has(need)) }).toEqual({ app: app.name, blocked: [] });
        // App-to-app traffic is allowed on both ends, on the port the target really serves.
        for (const pair of egress) {
          const [, target, port] = /^app:([^:]+):(\d+)$/.exec(pair) ?? [];
          if (!target) continue;
          const served = apps.find((other) => other.name === target)?.port;
          expect({ from: app.name, to: target, port: Number(port) }).toEqual({ from: app.name, to: target, port: served });
          expect({ from: app.name, to: target, ingress: allowed(objects, target, 'ingress').has(`app:${app.name}:${port}`) }).toEqual({ from: app.name, to: target, ingress: true });
        }
      }
    });

    it('when ingress is read, then only the gateway is reachable from the ingress controller', () => {
      const fromIngress = apps.filter((app) => [...allowed(objects, app.name, 'ingress')].some((pair) => pair.startsWith('ns:pathwise.dev/ingress=true:')));
      expect(fromIngress.map((app) => app.name)).toEqual(['gateway']);
      const gateway = apps.find((app) => app.name === 'gateway') as App;
      expect(allowed(objects, 'gateway', 'ingress').has(`ns:pathwise.dev/ingress=true:${gateway.port}`)).toBe(true);
    });

    it('when the pre-deploy Jobs are read, then each app with a migrate or seed command has one, with the app image and its database URL', () => {
      expect(jobs.find((o) => o.kind === 'Namespace')).toBeUndefined();
      expect(new Set([...objects, ...jobs].map((o) => o.metadata.namespace).filter(Boolean))).toEqual(new Set([objects[0].metadata.namespace]));
      const jobContainers = byKind(jobs, 'Job').flatMap((job) => [...(job.spec.template.spec.initContainers ?? []), ...job.spec.template.spec.containers]);
      for (const app of apps) {
        for (const command of ['migrate', 'seed']) {
          const hasSource = existsSync(path.join(repoRoot, 'apps', app.name, 'src', `${command}.ts`));
          const runs = jobContainers.filter((c) => c.args?.[0] === `dist/apps/${app.name}/src/${command}.js`);
          expect({ app: app.name, command, jobs: runs.length }).toEqual({ app: app.name, command, jobs: hasSource ? 1 : 0 });
          for (const container of runs) {
            expect({ app: app.name, command, image: container.image }).toEqual({ app: app.name, command, image: containerOf(app.name).image });
            const env = resolveEnv(jobs, secrets, container);
            expect([...env.keys()]).toEqual([`${app.prefix}_DATABASE_URL`]);
            expect(app.schema.shape[`${app.prefix}_DATABASE_URL`].safeParse(env.get(`${app.prefix}_DATABASE_URL`)).success).toBe(true);
          }
        }
      }
      // Every command a Job runs exists in the source.
      for (const container of jobContainers.filter((c) => c.args)) {
        expect(existsSync(path.join(repoRoot, container.args[0].replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
      }
    });

    it('when the Kafka topics Job is read, then it runs the script generated from topics.json against the apps\' brokers', () => {
      const job = find(jobs, 'Job', 'kafka-topics');
      const script = byKind(jobs, 'ConfigMap').find((cm) => cm.metadata.name.startsWith('kafka-topics-script'));
      expect(script.data['kafka-topics.sh']).toBe(renderTopicsScript(readFileSync(TOPICS_JSON, 'utf8')));
      const brokers = resolveEnv(jobs, secrets, job.spec.template.spec.containers[0]).get('KAFKA_BROKERS');
      expect(brokers).toBe(resolveEnv(objects, secrets, containerOf('catalog')).get('KAFKA_BROKERS'));
    });
  });

  it('when the committed topics script is compared with infra/kafka/topics.json, then it is current', () => {
    expect(readFileSync(TOPICS_SCRIPT, 'utf8')).toBe(renderTopicsScript(readFileSync(TOPICS_JSON, 'utf8')));
  });

  it('when docker-compose.yml is read, then each app service sets only keys its schema reads, and every required one', () => {
    const compose = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true });
    for (const app of apps) {
      const keys = Object.keys(compose.services[app.name].environment);
      const schemaKeys = Object.keys(app.schema.shape);
      expect({ app: app.name, unknown: keys.filter((key) => !schemaKeys.includes(key)) }).toEqual({ app: app.name, unknown: [] });
      const required = schemaKeys.filter((key) => !app.schema.shape[key].safeParse(undefined).success);
      expect({ app: app.name, missing: required.filter((key) => !keys.includes(key)) }).toEqual({ app: app.name, missing: [] });
      const loopback = schemaKeys.filter((key) => /\/\/(127\.0\.0\.1|localhost)[:/]/.test(String(app.schema.shape[key].safeParse(undefined).data ?? '')));
      expect({ app: app.name, loopbackDefaults: loopback.filter((key) => !keys.includes(key)) }).toEqual({ app: app.name, loopbackDefaults: [] });
      expect({ app: app.name, migrate: compose.services[app.name].depends_on.migrate?.condition ?? 'none' }).toEqual({
        app: app.name,
        migrate: app.schema.shape[`${app.prefix}_DATABASE_URL`] ? 'service_completed_successfully' : 'none',
      });
    }
  });
});
