import { lazy, Suspense, type ComponentProps } from "react";

// rjsf imports markdown-to-jsx (~28 KB gz) for descriptions marked ui:enableMarkdownInDescription
// and for help texts; vite.config.ts points its import here, so the parser loads only when a
// form actually renders markdown.
const Real = lazy(() => import("markdown-to-jsx/react").then((module) => ({ default: module.Markdown })));

export function Markdown(props: ComponentProps<typeof Real>) {
  return (
    <Suspense fallback={null}>
      <Real {...props} />
    </Suspense>
  );
}
