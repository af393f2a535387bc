import { useParams } from 'react-router';
import { SectionPage } from '../features/sections';
import { NotFoundPage } from './NotFoundPage';

export function SectionRoute() {
  const { section = '' } = useParams();
  return (
    <SectionPage
      key={section}
      slug={section}
      notFound={<NotFoundPage title="Section not found" message="We could not find that section." />}
    />
  );
}
