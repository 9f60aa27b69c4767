/**
 * build/licences.ts: the notices of the packages a build bundles (the page's and the worker's),
 * written into index.html, and a build that stops when a bundled package has no licence.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'vite';
import {
  noticesOf,
  packageRootOf,
  readPackage,
  templateHtml,
  TEMPLATE_ID,
  thirdPartyLicences,
  type BundledPackage,
  type ThirdPartyNotice,
} from '../../../build/licences.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A scratch directory with the files given (path → content). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'loupe-licences-'));
  dirs.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const MIT = 'MIT License\n\nCopyright (c) 2020 Someone\n\nPermission is hereby granted…';
const pkg = (over: Partial<BundledPackage>): BundledPackage => ({
  name: 'a',
  version: '1.0.0',
  license: 'MIT',
  licenseText: MIT,
  noticeText: null,
  repository: null,
  ...over,
});
const noFiles = (file: string): string => {
  throw new Error(`unexpected read of ${file}`);
};

/** The notices a built index.html carries, read back as the page reads them. */
function noticesIn(html: string): ThirdPartyNotice[] {
  const m = new RegExp(`<template id="${TEMPLATE_ID}">([\\s\\S]*?)</template>`).exec(html);
  if (!m) throw new Error('no licences template in the page');
  return JSON.parse(
    m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
  ) as ThirdPartyNotice[];
}

describe('noticesOf', () => {
  it('keeps one notice per package and version, sorted by name', () => {
    const notices = noticesOf(
      [
        pkg({ name: 'zeta' }),
        pkg({ name: 'alpha', noticeText: 'NOTICE\n' }),
        pkg({ name: 'zeta' }),
      ],
      noFiles,
    );
    expect(notices.map((n) => [n.name, n.notice])).toEqual([
      ['alpha', 'NOTICE'],
      ['zeta', null],
    ]);
  });

  it('fails naming every bundled package without a declared licence or without its text', () => {
    const run = () =>
      noticesOf(
        [
          pkg({ name: 'fine' }),
          pkg({ name: 'unlicensed', license: null }),
          pkg({ name: 'textless', licenseText: '  ' }),
        ],
        noFiles,
      );
    expect(run).toThrow(/bundled dependencies without a licence/);
    expect(run).toThrow(/unlicensed@1\.0\.0: declares no licence/);
    expect(run).toThrow(/textless@1\.0\.0 \(MIT\): no licence text in the package/);
    expect(run).not.toThrow(/fine@/);
  });

  it('takes the text from build/licence-texts/ for a package whose tarball ships none', () => {
    const [n] = noticesOf([pkg({ name: '@duckdb/duckdb-wasm', licenseText: null })], (file) =>
      readFileSync(join(import.meta.dirname, '../../../build/licence-texts', file), 'utf8'),
    );
    expect(n!.text).toContain('Copyright 2021 DuckDB WASM Contributors');
  });
});

describe('reading a package', () => {
  it('finds the package a module belongs to, past a nameless package.json (dist/package.json {"type": "module"})', () => {
    const root = tree({
      'node_modules/@scope/lib/package.json': JSON.stringify({
        name: '@scope/lib',
        version: '2.0.0',
      }),
      'node_modules/@scope/lib/dist/package.json': JSON.stringify({ type: 'module' }),
      'node_modules/@scope/lib/dist/esm/index.js': '',
      'src/main.js': '',
    });
    expect(packageRootOf(join(root, 'node_modules/@scope/lib/dist/esm/index.js'))).toBe(
      join(root, 'node_modules/@scope/lib'),
    );
    expect(packageRootOf(join(root, 'src/main.js'))).toBeNull();
  });

  it('reads the declared licence (also the old `licenses` array), the licence and NOTICE files and the repository', () => {
    const root = tree({
      'new/package.json': JSON.stringify({
        name: 'new',
        version: '1.0.0',
        license: 'Apache-2.0',
        repository: { type: 'git', url: 'https://example.org/new.git' },
      }),
      'new/LICENSE.txt': 'Apache License\nVersion 2.0',
      'new/NOTICE': 'Copyright the new authors',
      'old/package.json': JSON.stringify({
        name: 'old',
        version: '0.1.0',
        licenses: [{ type: 'MIT' }, { type: 'GPL-2.0' }],
      }),
      'old/LICENCE.md': MIT,
      'bare/package.json': JSON.stringify({ name: 'bare', version: '3.0.0' }),
    });
    expect(readPackage(join(root, 'new'))).toEqual({
      name: 'new',
      version: '1.0.0',
      license: 'Apache-2.0',
      licenseText: 'Apache License\nVersion 2.0',
      noticeText: 'Copyright the new authors',
      repository: { type: 'git', url: 'https://example.org/new.git' },
    });
    expect(readPackage(join(root, 'old'))).toMatchObject({
      license: 'MIT OR GPL-2.0',
      licenseText: MIT,
    });
    expect(readPackage(join(root, 'bare'))).toMatchObject({ license: null, licenseText: null });
  });
});

describe('templateHtml', () => {
  it('writes JSON the HTML parser cannot end early or read as markup', () => {
    const notices = noticesOf(
      [pkg({ name: 'x', licenseText: 'a </template><script>alert(1)</script> & b' })],
      noFiles,
    );
    const html = templateHtml(notices);
    expect(html.match(/</g)).toHaveLength(2); // the template's own tags only
    expect(noticesIn(html)).toEqual(notices);
  });
});

/** A tiny app whose page bundles `pagedep` and whose module worker bundles `workerdep`. */
function app(workerdep: Record<string, string>): string {
  return tree({
    'index.html':
      '<!doctype html><html><head><meta charset="utf-8" /></head><body><script type="module" src="./main.js"></script></body></html>',
    'main.js':
      "import { page } from 'pagedep';\nconsole.log(page);\nnew Worker(new URL('./work.js', import.meta.url), { type: 'module' });\n",
    'work.js': "import { work } from 'workerdep';\nself.postMessage(work);\n",
    'node_modules/pagedep/package.json': JSON.stringify({
      name: 'pagedep',
      version: '1.2.3',
      license: 'MIT',
      type: 'module',
      main: 'index.js',
    }),
    'node_modules/pagedep/index.js': "export const page = 'page';\n",
    'node_modules/pagedep/LICENSE': MIT,
    'node_modules/workerdep/index.js': "export const work = 'work';\n",
    ...Object.fromEntries(
      Object.entries(workerdep).map(([f, c]) => [`node_modules/workerdep/${f}`, c]),
    ),
  });
}

async function buildApp(root: string): Promise<string> {
  const licences = thirdPartyLicences();
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [licences.collect(), licences.embed],
    worker: { format: 'es', plugins: () => [licences.collect()] },
    build: { outDir: join(root, 'dist'), emptyOutDir: true, minify: false },
  });
  return readFileSync(join(root, 'dist', 'index.html'), 'utf8');
}

describe('a build', () => {
  it('writes into index.html the notices of the packages bundled into the page and into the worker, after Loupe’s own', async () => {
    const root = app({
      'package.json': JSON.stringify({
        name: 'workerdep',
        version: '0.0.1',
        license: 'ISC',
        type: 'module',
        main: 'index.js',
      }),
      COPYING: 'ISC licence text',
    });
    const notices = noticesIn(await buildApp(root));
    expect(notices[0]).toMatchObject({ name: 'Loupe', licence: 'MIT' });
    expect(notices[0]!.text).toMatch(/^MIT License/);
    expect(notices.find((n) => n.name === 'pagedep')).toMatchObject({
      version: '1.2.3',
      licence: 'MIT',
      text: MIT,
    });
    expect(notices.find((n) => n.name === 'workerdep')).toMatchObject({
      version: '0.0.1',
      licence: 'ISC',
      text: 'ISC licence text',
    });
  }, 60_000);

  it('fails when a package bundled into the worker declares no licence', async () => {
    const root = app({
      'package.json': JSON.stringify({
        name: 'workerdep',
        version: '0.0.1',
        type: 'module',
        main: 'index.js',
      }),
    });
    await expect(buildApp(root)).rejects.toThrow(/workerdep@0\.0\.1: declares no licence/);
  }, 60_000);
});
