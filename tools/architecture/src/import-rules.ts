import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import boundaries from '../boundaries.json';

export interface Project {
  name: string;
  root: string;
  tags: string[];
}

export interface Violation {
  project: string;
  file: string;
  specifier: string;
  rule: string;
}

const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;

function matches(pattern: string, specifier: string): boolean {
  if (pattern.endsWith('*')) return specifier.startsWith(pattern.slice(0, -1));
  return specifier === pattern || specifier.startsWith(`${pattern}/`);
}

function isPackage(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('@pathwise/');
}

function* typeScriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* typeScriptFiles(full);
    else if (entry.name.endsWith('.ts')) yield full;
  }
}

/** Every module specifier a file imports, requires or dynamically imports. */
export function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((imported) => imported.fileName);
}

/** Checks one project's sources against the rule for its type tag. */
export function violationsIn(project: Project, readFile = (file: string) => readFileSync(file, 'utf8')): Violation[] {
  const isDomain = project.tags.includes('type:domain');
  const isWorkflow = project.tags.includes('type:workflow');
  if (!isDomain && !isWorkflow) return [];

  const violations: Violation[] = [];
  for (const file of typeScriptFiles(project.root)) {
    for (const specifier of importsOf(readFile(file)).filter(isPackage)) {
      if (isDomain && boundaries.domainBannedPackages.some((banned) => matches(banned, specifier))) {
        violations.push({ project: project.name, file, specifier, rule: 'domain code stays framework-free' });
      }
      const allowed = TEST_FILE.test(file) ? boundaries.workflowAllowedInTests : boundaries.workflowAllowedPackages;
      if (isWorkflow && !allowed.some((permitted) => matches(permitted, specifier))) {
        violations.push({ project: project.name, file, specifier, rule: 'workflow code imports only @temporalio/workflow and contracts' });
      }
    }
  }
  return violations;
}

/** All Nx projects in the workspace, read from their project.json files. */
export function workspaceProjects(workspaceRoot: string): Project[] {
  const projects: Project[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name === 'fixtures') continue;
      const full = path.join(dir, entry.name);
      try {
        const config = JSON.parse(readFileSync(path.join(full, 'project.json'), 'utf8')) as { name: string; tags?: string[] };
        projects.push({ name: config.name, root: full, tags: config.tags ?? [] });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      visit(full);
    }
  };
  for (const top of ['apps', 'libs', 'tools']) visit(path.join(workspaceRoot, top));
  return projects;
}
