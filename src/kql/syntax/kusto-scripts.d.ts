// Types of the two script modules of @kusto/language-service-next as Loupe imports them: the
// default export is what CommonJS gives in Node, or the deferred script build/kusto-language.ts
// makes of it in the browser builds (src/kql/syntax/kusto-language.ts tells them apart).
declare module '@kusto/language-service-next/bridge.min.js' {
  const script: unknown;
  export default script;
}
declare module '@kusto/language-service-next/Kusto.Language.Bridge.min.js' {
  const script: unknown;
  export default script;
}
