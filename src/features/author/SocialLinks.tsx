import { socialHandle } from '../../lib/socialHandle';
import type { Author, SocialNetwork } from '../../schema';

const names: Record<SocialNetwork, string> = {
  website: 'Website',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  linkedin: 'LinkedIn',
  github: 'GitHub',
  rss: 'RSS feed',
  email: 'Email',
  x: 'X',
  threads: 'Threads',
  instagram: 'Instagram',
  facebook: 'Facebook',
  youtube: 'YouTube',
  tiktok: 'TikTok',
};

export function SocialLinks({ author }: { author: Author }) {
  if (author.social.length === 0) return null;
  return (
    <ul className="social-links">
      {author.social.map((link) => {
        const network = names[link.network];
        const handle = socialHandle(link);
        return (
          <li key={link.url}>
            <a
              href={link.url}
              rel="me noopener"
              aria-label={handle ? `${author.name} on ${network}: ${handle}` : `${author.name}: ${network}`}
            >
              {network}
              {handle && <span className="social-handle"> {handle}</span>}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
