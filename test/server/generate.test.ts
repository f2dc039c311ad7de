import { afterEach, describe, expect, it } from 'vitest';
import { CheckTemplateOptionRequest, GenerateRequest, TemplatesRequest } from '../../server/src/protocol';
import { LspTestClient } from './lspClient';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
    name: web
    namespace: shop
spec:
    template:
        metadata:
            labels:
                app: web
        spec:
            containers:
                - name: web
                  ports:
                      - containerPort: 8080
`;

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

describe('Generate Policy over LSP', () => {
  it('netpol/templates: the catalog, the file namespace, the workloads and the settings CIDRs', async () => {
    client = await LspTestClient.start({ cluster: { serviceCIDRs: ['10.96.0.0/12'] } });
    await client.open('file:///ws/app.yaml', APP);
    await client.diagnosticsFor('file:///ws/app.yaml');
    const result = await client.connection.sendRequest(TemplatesRequest, { uri: 'file:///ws/app.yaml' });
    expect(result.templates.map((t) => t.id)).toContain('isolate-workload');
    expect(result.templates.find((t) => t.id === 'three-tier')!.parameters.find((p) => p.id === 'dbPort')).toMatchObject({
      kind: 'port',
      default: '5432',
      syntax: expect.stringContaining('port number') as unknown,
    });
    expect(result.defaults).toEqual({ namespace: 'shop', serviceCidrs: '10.96.0.0/12' });
    expect(result.workloads).toEqual([{ value: 'Deployment/web', namespace: 'shop', fills: { podLabels: 'app=web', ports: '8080' } }]);
    // Without a document: the workspace's namespace.
    expect((await client.connection.sendRequest(TemplatesRequest, {})).defaults.namespace).toBe('shop');
  });

  it('netpol/checkTemplateOption: the message for a bad value, nothing for a good one', async () => {
    client = await LspTestClient.start();
    const check = (parameter: string, value: string) =>
      client!.connection.sendRequest(CheckTemplateOptionRequest, {
        template: 'allow-from-internet',
        parameter,
        value,
      });
    expect(await check('ports', '70000')).toEqual({ message: 'port 70000 must be between 1 and 65535, inclusive' });
    expect(await check('ports', '443')).toEqual({});
  });

  it('netpol/generate: a new document, or the text to append in the style of the open file', async () => {
    client = await LspTestClient.start();
    const fresh = await client.connection.sendRequest(GenerateRequest, {
      template: 'isolate-workload',
      options: { namespace: 'shop', workload: 'Deployment/web', podLabels: 'app=web', ports: '8080' },
    });
    expect(fresh.problems).toEqual([]);
    expect(fresh.policies).toEqual([{ name: 'web-isolation', namespace: 'shop' }]);
    expect(fresh.text).toMatch(/^apiVersion: networking\.k8s\.io\/v1\nkind: NetworkPolicy\n/);
    expect(fresh.text).toContain('  policyTypes:\n  - Ingress\n  - Egress\n');

    await client.open('file:///ws/app.yaml', APP);
    const appended = await client.connection.sendRequest(GenerateRequest, {
      template: 'default-deny-ingress',
      options: { namespace: 'shop' },
      uri: 'file:///ws/app.yaml',
      target: 'append',
    });
    expect(appended.text).toMatch(/^---\n# .*\n# netpol-disable deny-all-direction\napiVersion/);
    // The file's four-space indentation and indented sequences.
    expect(appended.text).toContain('spec:\n    podSelector: {}\n    policyTypes:\n        - Ingress\n');
    const whole = APP + appended.text!;
    const version = await client.change('file:///ws/app.yaml', [{ text: whole }]);
    expect(await client.diagnosticsFor('file:///ws/app.yaml', version)).toEqual([]);
  });

  it('netpol/generate: problems for bad options and for a document that is not open', async () => {
    client = await LspTestClient.start();
    const bad = await client.connection.sendRequest(GenerateRequest, {
      template: 'default-deny-all',
      options: { namespace: 'Shop' },
    });
    expect(bad.text).toBeUndefined();
    expect(bad.problems.map((p) => p.parameter)).toEqual(['namespace']);
    const closed = await client.connection.sendRequest(GenerateRequest, {
      template: 'default-deny-all',
      options: {},
      uri: 'file:///ws/closed.yaml',
      target: 'append',
    });
    expect(closed.problems).toEqual([{ parameter: '', message: 'The document to append to is not open.' }]);
  });
});
