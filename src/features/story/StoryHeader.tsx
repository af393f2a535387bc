import { Link } from 'react-router';
import { PageHeading } from '../../lib/PageHeading';
import type { Story } from '../../schema';
import { sectionSlug } from '../../schema/sections';
import { commentCountText } from './CommentCount';
import { StoryDate } from './StoryDate';

export function StoryHeader({ story }: { story: Story }) {
  return (
    <header className="story-header">
      <p className="section-label">
        <Link to={`/sections/${sectionSlug(story.section)}`}>{story.section}</Link>
      </p>
      <PageHeading className="story-headline" id="story-title">
        {story.headline}
      </PageHeading>
      {story.standfirst && <p className="standfirst">{story.standfirst}</p>}
      <p className="byline">
        By <Link to={`/authors/${story.author.id}`}>{story.author.name}</Link>
        <span aria-hidden="true"> · </span>
        <StoryDate iso={story.publishedAt} />
        {story.updatedAt && (
          <>
            <span aria-hidden="true"> · </span>
            <StoryDate iso={story.updatedAt} prefix="Updated " />
          </>
        )}
        <span aria-hidden="true"> · </span>
        {story.readingMinutes} min read
        <span aria-hidden="true"> · </span>
        <a href="#comments">{commentCountText(story.commentCount)}</a>
      </p>
    </header>
  );
}
