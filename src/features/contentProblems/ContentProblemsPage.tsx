import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { isAuthError, useAdminToken } from '../../lib/adminToken';
import { LoadError } from '../../lib/LoadError';
import { PageHeading } from '../../lib/PageHeading';
import { useSite } from '../../lib/site';
import type { ContentProblem } from '../../schema';
import { AdminSignIn } from '../moderation';
import { contentProblemQueries } from './queries';
import './contentProblems.css';

/** The problems of one file or post, in the order its source found them. */
interface Refused {
  key: string;
  title: string;
  outcome: string | null;
  problems: ContentProblem[];
}

function byItem(problems: readonly ContentProblem[]): Refused[] {
  const items = new Map<string, Refused>();
  for (const problem of problems) {
    const key = `${problem.source} ${problem.item}`;
    const title = problem.source === 'wordpress' ? `WordPress post ${problem.item}` : problem.item;
    const item = items.get(key) ?? { key, title, outcome: problem.outcome, problems: [] };
    item.problems.push(problem);
    items.set(key, item);
  }
  return [...items.values()];
}

const where = (problem: ContentProblem) =>
  problem.line === null ? undefined : `Line ${problem.line}, column ${problem.column ?? 1}`;

/** The admins' Content view: every file and WordPress post a source refused, and why, where to look. */
export function ContentProblemsPage() {
  const title = `Content — ${useSite().name}`;
  const [token, keepToken] = useAdminToken();
  const list = useQuery({ ...contentProblemQueries.list(token ?? ''), enabled: token !== null });

  if (token === null || (list.isError && isAuthError(list.error))) {
    return <AdminSignIn title={title} heading="Content" rejected={list.isError} onToken={keepToken} />;
  }

  const refused = byItem(list.data?.problems ?? []);
  return (
    <>
      <title>{title}</title>
      <PageHeading className="page-title">Content</PageHeading>
      <div className="content-problems-toolbar">
        <button type="button" className="button" onClick={() => void list.refetch()} disabled={list.isFetching}>
          Check again
        </button>
        <Link to="/admin">Moderation</Link>
        <button
          type="button"
          className="button-link"
          onClick={() => {
            keepToken(null);
          }}
        >
          Sign out
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {list.isFetching ? 'Checking…' : list.isSuccess ? `${refused.length} refused` : ''}
      </p>
      {list.isPending && <p>Loading the content problems…</p>}
      {list.isError && list.data === undefined && (
        <LoadError what="the content problems" error={list.error} onRetry={() => void list.refetch()} />
      )}
      {list.isSuccess && (
        <h2>
          {refused.length === 0
            ? 'Every content file and post was accepted'
            : `Refused: ${refused.length} file${refused.length === 1 ? '' : 's'} or post${refused.length === 1 ? '' : 's'}`}
        </h2>
      )}
      {refused.length > 0 && (
        <ul className="content-problems">
          {refused.map((item) => (
            <li key={item.key} className="content-problem">
              <h3>{item.title}</h3>
              {item.outcome && (
                <p className="content-problem-outcome">{item.outcome[0]!.toUpperCase() + item.outcome.slice(1)}.</p>
              )}
              <ul>
                {item.problems.map((problem, index) => (
                  <li key={index}>
                    {where(problem) && <span className="content-problem-where">{where(problem)}: </span>}
                    {problem.message}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
