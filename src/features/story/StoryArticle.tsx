import type { ReactNode } from 'react';
import type { Story } from '../../schema';
import { ImageFigure } from './blocks/ImageFigure';
import { ReadingProgress } from './ReadingProgress';
import { StoryBody } from './StoryBody';
import { StoryHeader } from './StoryHeader';
import { StoryTags } from './StoryTags';
import { StoryTools } from './StoryTools';

/**
 * The story itself. `tools` are extra controls from other features (saving) placed with the story's own;
 * `firstScreen`: the body only as far as a first screen shows it (StoryView).
 */
export function StoryArticle({
  story,
  tools,
  firstScreen = false,
}: {
  story: Story;
  tools?: ReactNode;
  firstScreen?: boolean;
}) {
  return (
    <article className="story" aria-labelledby="story-title" id="story">
      <ReadingProgress targetId="story" />
      <StoryHeader story={story} />
      <StoryTools title={story.headline} path={`/stories/${story.slug}`}>
        {tools}
      </StoryTools>
      {story.image && <ImageFigure {...story.image} priority />}
      <StoryBody blocks={story.body} firstScreen={firstScreen} />
      {!firstScreen && <StoryTags tags={story.tags} />}
    </article>
  );
}
