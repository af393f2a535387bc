import { useParams } from 'react-router';
import { TagPage } from '../features/tags';
import { NotFoundPage } from './NotFoundPage';

export function TagRoute() {
  const { tag = '' } = useParams();
  return (
    <TagPage
      key={tag}
      slug={tag}
      notFound={<NotFoundPage title="Tag not found" message="No published story has that tag." />}
    />
  );
}
