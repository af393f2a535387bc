import type { Story } from '../../schema';
import { ImageFigure } from './blocks/ImageFigure';
import { StoryBody } from './StoryBody';
import { StoryHeader } from './StoryHeader';

export function StoryArticle({ story }: { story: Story }) {
  return (
    <article className="story" aria-labelledby="story-title">
      <StoryHeader story={story} />
      {story.image && <ImageFigure {...story.image} priority />}
      <StoryBody blocks={story.body} />
    </article>
  );
}
