/**
 * The licences of the packages bundled into this build, which the build writes into the page
 * (build/licences.ts, a <template> of JSON): the same in the hosted site and in the single file,
 * which cannot fetch. Loupe's own licence is MIT (the LICENSE file).
 */
export interface ThirdPartyNotice {
  readonly name: string;
  readonly version: string;
  readonly licence: string;
  readonly text: string;
  readonly notice: string | null;
  readonly repository: string | null;
}

/** Must match build/licences.ts. */
const TEMPLATE_ID = 'loupe-third-party-licences';

/** The notices, or null when the page carries none (the dev server does not build them). */
export function thirdPartyNotices(doc: Document = document): ThirdPartyNotice[] | null {
  const template = doc.getElementById(TEMPLATE_ID);
  if (!(template instanceof HTMLTemplateElement)) return null;
  return JSON.parse(template.content.textContent ?? '[]') as ThirdPartyNotice[];
}
