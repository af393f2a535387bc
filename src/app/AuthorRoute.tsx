import { useParams } from 'react-router';
import { AuthorPage } from '../features/author';
import { NotFoundPage } from './NotFoundPage';

export function AuthorRoute() {
  const { id = '' } = useParams();
  return (
    <div className="author-page">
      <AuthorPage id={id} notFound={<NotFoundPage title="Author not found" message="We could not find that author." />} />
    </div>
  );
}
