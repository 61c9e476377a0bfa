import { cspNonce } from "./config";

// Imported first by main.tsx, before antd. Every <style> created at run time gets the page's
// nonce, so the strict CSP (no 'unsafe-inline' styles) holds for libraries that do not take a
// nonce option: @ant-design/cssinjs probes CSS features with an un-nonced <style>.
const nonce = cspNonce();
if (nonce) {
  const create = document.createElement.bind(document);
  document.createElement = ((tagName: string, options?: ElementCreationOptions) => {
    const element = create(tagName, options);
    if (tagName.toLowerCase() === "style") element.setAttribute("nonce", nonce);
    return element;
  }) as typeof document.createElement;
}
