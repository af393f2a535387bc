export { storyQueries } from './queries';
export { StoryView } from './StoryView';
export { StoryCard } from './StoryCard';
export { StoryLink } from './StoryLink';
export { StoryDate } from './StoryDate';
export { CommentCount } from './CommentCount';
export { StoryFeed } from './StoryFeed';
export { StoryBody } from './StoryBody';
