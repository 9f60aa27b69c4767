/**
 * The licences of what Loupe's builds bundle, in both builds, and a build that fails without them.
 *
 * Each bundle of a build (the page's, and the engine worker's, which Vite bundles separately)
 * reports the modules in its chunks; every module under node_modules belongs to the nearest
 * package.json above it that names a package, and that package's declared licence, licence file
 * and NOTICE file are read. The packages gathered from all bundles are written into the page as a
 * <template> the help panel reads (src/ui/licences.ts), so the hosted site and the single file
 * opened from file:// both carry them. A bundled package without a declared licence, or without
 * its text (in the package, or in build/licence-texts/ when its tarball ships none), stops the
 * build. The list is worked out from the bundles, so a dependency added later is picked up.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type { Plugin } from 'vite';

/** Licence texts for packages whose npm tarball ships none (build/licence-texts/README.md). */
export const LICENCE_TEXTS: Readonly<Record<string, string>> = {
  '@duckdb/duckdb-wasm': 'duckdb-wasm.txt',
  '@kusto/language-service-next': 'kusto-language-service-next.txt',
};

/** One bundled package's notice, as the help panel shows it. */
export interface ThirdPartyNotice {
  readonly name: string;
  readonly version: string;
  /** The SPDX expression the package declares. */
  readonly licence: string;
  readonly text: string;
  /** An Apache-style NOTICE file, when the package has one. */
  readonly notice: string | null;
  readonly repository: string | null;
}

/** A bundled package as read from its directory (readPackage). */
export interface BundledPackage {
  readonly name: string | null;
  readonly version: string | null;
  readonly license: string | null;
  readonly licenseText: string | null;
  readonly noticeText: string | null;
  readonly repository: string | { readonly url: string } | null;
}

/** The id of the <template> holding the notices (JSON) in each build's index.html. */
export const TEMPLATE_ID = 'loupe-third-party-licences';

/**
 * The notices of the packages gathered, sorted by name; throws naming every package that has no
 * declared licence or no licence text (`texts` resolves build/licence-texts/ files).
 */
export function noticesOf(
  packages: Iterable<BundledPackage>,
  texts: (file: string) => string,
): ThirdPartyNotice[] {
  const byKey = new Map<string, ThirdPartyNotice>();
  const problems: string[] = [];
  for (const p of packages) {
    const name = p.name ?? '(a package without a name)';
    const supplement = LICENCE_TEXTS[name];
    const text = p.licenseText?.trim() || (supplement ? texts(supplement).trim() : '');
    if (!p.license) problems.push(`${name}@${p.version}: declares no licence`);
    else if (!text)
      problems.push(
        `${name}@${p.version} (${p.license}): no licence text in the package; add it to build/licence-texts/ and LICENCE_TEXTS`,
      );
    else {
      const repository =
        typeof p.repository === 'string' ? p.repository : (p.repository?.url ?? null);
      byKey.set(`${name}@${p.version}`, {
        name,
        version: p.version ?? '',
        licence: p.license,
        text,
        notice: p.noticeText?.trim() || null,
        repository,
      });
    }
  }
  if (problems.length > 0)
    throw new Error(`bundled dependencies without a licence:\n  ${problems.join('\n  ')}`);
  return [...byKey.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}

/** Loupe's own licence, listed first (the repository's LICENSE and package.json). */
function loupeItself(): ThirdPartyNotice {
  const root = join(import.meta.dirname, '..');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
    license: string;
  };
  return {
    name: 'Loupe',
    version: pkg.version,
    licence: pkg.license,
    text: readFileSync(join(root, 'LICENSE'), 'utf8').trim(),
    notice: null,
    repository: null,
  };
}

/** The notices as the text of a <template>: JSON, with the characters HTML would read as markup escaped. */
export function templateHtml(notices: readonly ThirdPartyNotice[]): string {
  const json = JSON.stringify(notices)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  return `<template id="${TEMPLATE_ID}">${json}</template>`;
}

/** What the package.json fields Loupe reads look like. */
interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly license?: string | { readonly type?: string };
  readonly licenses?: readonly { readonly type?: string }[];
  readonly repository?: string | { readonly url: string };
}

/** The package a bundled module's file belongs to: the nearest package.json above it with a name. */
export function packageRootOf(file: string): string | null {
  const at = file.lastIndexOf(`${sep}node_modules${sep}`);
  if (at < 0) return null;
  const top = file.slice(0, at + `${sep}node_modules`.length);
  for (let dir = dirname(file); dir.length > top.length; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as PackageJson).name)
      return dir;
  }
  return null;
}

/** A package directory as the notice needs it: declared licence, licence text, NOTICE, repository. */
export function readPackage(dir: string): BundledPackage {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  const files = readdirSync(dir);
  const read = (pattern: RegExp) => {
    const f = files.find((n) => pattern.test(n));
    return f ? readFileSync(join(dir, f), 'utf8') : null;
  };
  const declared =
    typeof pkg.license === 'string'
      ? pkg.license
      : (pkg.license?.type ??
        pkg.licenses
          ?.map((l) => l.type)
          .filter(Boolean)
          .join(' OR ') ??
        null);
  return {
    name: pkg.name ?? null,
    version: pkg.version ?? null,
    license: declared || null,
    licenseText: read(/^(licen[cs]e|copying)([.-]|$)/i),
    noticeText: read(/^notice([.-]|$)/i),
    repository: pkg.repository ?? null,
  };
}

/**
 * Modules whose content is another package's: code a bundler writes into a bundle from a virtual
 * module (no file): Vite's preload helper and module-preload polyfill, Rolldown's runtime; and data
 * Loupe generates from a package (uap-core's regexes, scripts/uap/generate.ts). Their notices go
 * with them.
 */
const VIRTUAL_OWNERS: readonly (readonly [RegExp, string])[] = [
  [/^\0?vite\//, 'vite'],
  [/^\0?rolldown\//, 'rolldown'],
  [/[\\/]src[\\/]kql[\\/]runtime[\\/]data[\\/]uap-core-regexes\.json$/, 'uap-core'],
];

/**
 * Plugins for one build: `collect()` for the page's bundle and for the worker's (Vite's
 * `worker.plugins`), and `embed`, which writes what was collected into index.html (the worker is
 * bundled while the page's modules are transformed, and the page's chunks are rendered before
 * index.html is, so everything is known by then).
 */
export function thirdPartyLicences(): { collect: () => Plugin; embed: Plugin } {
  const require = createRequire(import.meta.url);
  const packages = new Map<string, BundledPackage>();
  const root = join(import.meta.dirname, '..');
  const add = (dir: string) => {
    if (dir === root) return;
    const p = readPackage(dir);
    packages.set(`${p.name}@${p.version}`, p);
  };
  const collect = (): Plugin => ({
    name: 'loupe:collect-licences',
    apply: 'build',
    renderChunk(_code, chunk) {
      for (const raw of chunk.moduleIds) {
        const owner = VIRTUAL_OWNERS.find(([re]) => re.test(raw));
        if (owner) {
          add(dirname(require.resolve(`${owner[1]}/package.json`)));
          continue;
        }
        const file = raw.replace(/^\0/, '').replace(/[?#].*$/, '');
        const dir = packageRootOf(file);
        if (dir) add(dir);
      }
      return null;
    },
  });
  const embed: Plugin = {
    name: 'loupe:third-party-licences',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const notices = [
          loupeItself(),
          ...noticesOf(packages.values(), (file) =>
            readFileSync(join(import.meta.dirname, 'licence-texts', file), 'utf8'),
          ),
        ];
        if (!html.includes('</body>'))
          throw new Error(
            'loupe:third-party-licences: index.html has no </body> to put the licences before',
          );
        return html.replace('</body>', () => `${templateHtml(notices)}\n</body>`);
      },
    },
  };
  return { collect, embed };
}
