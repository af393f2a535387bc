import { Link } from 'react-router';
import type { Inline } from '../../../schema';

const isExternal = (href: string) => /^https?:\/\//.test(href);

/** Inline runs as React text and elements: content is never parsed as HTML. */
export function InlineRuns({ runs }: { runs: Inline[] }) {
  return runs.map((run, index) => {
    switch (run.type) {
      case 'text':
        return run.text;
      case 'emphasis':
        return <em key={index}>{run.text}</em>;
      case 'strong':
        return <strong key={index}>{run.text}</strong>;
      case 'link':
        // Links inside the site stay in the app (no reload); others are ordinary links out.
        if (!isExternal(run.href)) {
          return (
            <Link key={index} to={run.href}>
              {run.text}
            </Link>
          );
        }
        return (
          <a key={index} href={run.href} rel="noopener">
            {run.text}
          </a>
        );
      default: {
        const unknown: never = run;
        return unknown;
      }
    }
  });
}
