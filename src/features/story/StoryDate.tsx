import { LocalTime } from '../../lib/LocalTime';

export function StoryDate({ iso, prefix }: { iso: string; prefix?: string }) {
  return (
    <>
      {prefix}
      <LocalTime iso={iso} />
    </>
  );
}
