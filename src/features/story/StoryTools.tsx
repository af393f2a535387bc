import type { ReactNode } from 'react';
import { TextSizeControl } from '../preferences';
import { ShareButton } from './ShareButton';

/** The reader's controls for this story: text size, sharing, and whatever the app adds (saving). */
export function StoryTools({ title, path, children }: { title: string; path: string; children?: ReactNode }) {
  return (
    <div className="story-tools">
      <TextSizeControl />
      <ShareButton title={title} path={path} />
      {children}
    </div>
  );
}
