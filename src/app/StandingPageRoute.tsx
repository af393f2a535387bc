import { useParams } from 'react-router';
import { StandingPage } from '../features/pages';
import { NotFoundPage } from './NotFoundPage';

export function StandingPageRoute() {
  const { slug = '' } = useParams();
  return (
    <StandingPage
      key={slug}
      slug={slug}
      notFound={<NotFoundPage title="Page not found" message="We could not find that page." />}
    />
  );
}
