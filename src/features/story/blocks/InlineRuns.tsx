import { Link } from 'react-router';
import type { Inline } from '../../../schema';
import { checkUrl } from '../../../schema/url';

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
      case 'link': {
        // The schema's URL rule decides: a site path stays in the app (no reload), an absolute URL is an
        // ordinary link out, and anything else (stored before the rule, say) shows as its text, since the
        // router throws on what it cannot navigate and a page must never lose its story to one link.
        const checked = checkUrl(run.href);
        if (!checked.ok) return run.text;
        if (checked.kind === 'path') {
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
      }
      default: {
        const unknown: never = run;
        return unknown;
      }
    }
  });
}
