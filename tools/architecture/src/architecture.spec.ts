import path from 'node:path';
import { importsOf, violationsIn, workspaceProjects } from './import-rules';

const workspaceRoot = path.resolve(__dirname, '../../..');
const fixtures = path.resolve(__dirname, '../fixtures');

describe('architecture', () => {
  const projects = workspaceProjects(workspaceRoot);

  it('when the workspace is scanned, then every project has one type tag and one scope tag', () => {
    for (const project of projects) {
      expect({ project: project.name, type: project.tags.filter((t) => t.startsWith('type:')).length }).toEqual({ project: project.name, type: 1 });
      expect({ project: project.name, scope: project.tags.filter((t) => t.startsWith('scope:')).length }).toEqual({ project: project.name, scope: 1 });
    }
    expect(projects.map((p) => p.name)).toEqual(expect.arrayContaining(['gateway', 'catalog', 'progress', 'recommendation', 'saga-worker', 'catalog-domain', 'saga-workflows']));
  });

  it('when domain and workflow libs are checked, then none imports a banned package', () => {
    expect(projects.flatMap((project) => violationsIn(project))).toEqual([]);
  });

  it('when a domain lib imports a framework, then the check reports it', () => {
    const violations = violationsIn({ name: 'fixture-domain', root: path.join(fixtures, 'domain-with-framework'), tags: ['type:domain', 'scope:shared'] });
    expect(violations.map((v) => v.specifier).sort()).toEqual(['@nestjs/common', 'typeorm']);
  });

  it('when a workflow lib imports anything but @temporalio/workflow, then the check reports it', () => {
    const violations = violationsIn({ name: 'fixture-workflow', root: path.join(fixtures, 'workflow-with-io'), tags: ['type:workflow', 'scope:saga'] });
    expect(violations.map((v) => v.specifier).sort()).toEqual(['@temporalio/activity', 'node:fs']);
  });

  it('when imports are written as require or dynamic import, then they are still found', () => {
    expect(importsOf("const k = require('kafkajs'); const r = import('ioredis'); export * from 'zod';")).toEqual(['kafkajs', 'ioredis', 'zod']);
  });
});
