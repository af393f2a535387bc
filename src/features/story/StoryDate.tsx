import { formatDate } from '../../lib/dates';

export function StoryDate({ iso, prefix }: { iso: string; prefix?: string }) {
  return (
    <>
      {prefix}
      <time dateTime={iso}>{formatDate(iso)}</time>
    </>
  );
}
